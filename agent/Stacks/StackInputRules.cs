using Monitor.Agent.Dispatch;
using System.Text.RegularExpressions;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks;

/// <summary>Checks names, refs and paths before they reach Docker, git or a process.</summary>
public static partial class StackInputRules
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]*$")]
    private static partial Regex NamePattern();

    /// <summary>Container, project and repo-key names: Compose's <c>[a-z0-9][a-z0-9_.-]*</c>.</summary>
    public static string Name(string? value, string what)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 128 || !NamePattern().IsMatch(value))
            throw new AgentRequestException(ErrorCodes.InvalidArgument,
                $"{what} '{value}' is not valid: use lower-case letters, digits, '_', '.', '-', starting with a letter or digit");
        return value;
    }

    /// <summary>Image refs, URLs, branches, commits: non-empty, no leading '-', no control characters.</summary>
    public static string Ref(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value.StartsWith('-') || value.Any(char.IsControl))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"{what} '{value}' is not valid: it must be non-empty and must not start with '-'");
        return value;
    }

    public static string? OptionalRef(string? value, string what) => value is null ? null : Ref(value, what);

    /// <summary>Resolves <paramref name="path"/> (absolute, or relative to <paramref name="baseDir"/>) to a canonical path
    /// and requires it to stay inside <paramref name="workDir"/>.</summary>
    public static string PathInside(string workDir, string baseDir, string? path, string what)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workDir));
        var full = Path.GetFullPath(Path.Combine(baseDir, path ?? "."));
        full = ResolveLinks(full);
        if (full != root && !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new AgentRequestException(ErrorCodes.Forbidden, $"{what} '{path}' is outside the agent's work dir {root}");
        return full;
    }

    private static string ResolveLinks(string full)
    {
        FileSystemInfo info = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full);
        var target = info.Exists ? info.ResolveLinkTarget(returnFinalTarget: true) : null;
        return target is null ? full : Path.GetFullPath(target.FullName);
    }
}
