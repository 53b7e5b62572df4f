using System.Text.RegularExpressions;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.DockerViews;

/// <summary>Checks of names the console sends for images, volumes, filters and ps options, so nothing odd reaches the engine.</summary>
public static partial class DockerNames
{
    // image references: [registry[:port]/]repo[:tag][@digest] or an id (sha256:...)
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.:/@+-]{0,511}$")]
    private static partial Regex ImageRef();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$")]
    private static partial Regex VolumeName();

    // ps options such as "-ef", "aux", "-o pid,comm": letters, digits, spaces, commas, '-', '=' and '%'
    [GeneratedRegex(@"^[a-zA-Z0-9 ,=%-]{1,100}$")]
    private static partial Regex PsArgs();

    public static string RequireImage(string? image) =>
        image is not null && ImageRef().IsMatch(image) ? image
            : throw new AgentRequestException(ErrorCodes.InvalidArgument, $"'{Shorten(image)}' is not an image reference or id (e.g. busybox:latest, sha256:...)");

    public static string RequireVolume(string? volume) =>
        volume is not null && VolumeName().IsMatch(volume) ? volume
            : throw new AgentRequestException(ErrorCodes.InvalidArgument, $"'{Shorten(volume)}' is not a volume name (letters, digits, '_', '.', '-', not starting with '-')");

    public static string? RequirePsArgs(string? args) =>
        args is null || PsArgs().IsMatch(args) ? args
            : throw new AgentRequestException(ErrorCodes.InvalidArgument, $"ps options '{Shorten(args)}' may hold only letters, digits, spaces, ',', '=', '%' and '-'");

    /// <summary>Label filters: "key" or "key=value", as `docker ... prune --filter label=...` takes them.</summary>
    public static IDictionary<string, IDictionary<string, bool>>? LabelFilters(IReadOnlyList<string>? labels)
    {
        if (labels is not { Count: > 0 }) return null;
        foreach (var label in labels)
            if (string.IsNullOrWhiteSpace(label) || label.Length > 512 || label.Any(char.IsControl))
                throw new AgentRequestException(ErrorCodes.InvalidArgument, $"label filter '{Shorten(label)}' must be key or key=value without control characters");
        return new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels.ToDictionary(l => l, _ => true) };
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 80 ? text[..80] + "…" : text;
}
