using Docker.DotNet.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Docker;

internal static class ContainerMapper
{
    public static ContainerSummary ToSummary(global::Docker.DotNet.Models.ContainerListResponse c) => new(
        c.ID,
        c.Names?.FirstOrDefault()?.TrimStart('/') ?? c.ID[..12],
        c.Image,
        c.State ?? "",
        c.Status ?? "",
        HealthFromStatus(c.Status),
        new DateTimeOffset(DateTime.SpecifyKind(c.Created, DateTimeKind.Utc)),
        (c.Ports ?? []).Select(p => new PortMapping(p.PrivatePort, p.PublicPort == 0 ? null : p.PublicPort, p.Type ?? "tcp", p.IP)).ToList(),
        new Dictionary<string, string>(c.Labels ?? new Dictionary<string, string>()));

    public static ContainerDetails ToDetails(ContainerInspectResponse c) => new(
        c.ID,
        c.Name.TrimStart('/'),
        c.Config?.Image ?? "",
        c.Image,
        c.State?.Status ?? "",
        c.State?.Health?.Status,
        c.State is { Running: false } s ? (int)s.ExitCode : null,
        new DateTimeOffset(DateTime.SpecifyKind(c.Created, DateTimeKind.Utc)),
        ParseTime(c.State?.StartedAt),
        ParseTime(c.State?.FinishedAt),
        (int)c.RestartCount,
        Ports(c),
        new Dictionary<string, string>(c.Config?.Labels ?? new Dictionary<string, string>()),
        (c.Config?.Env ?? []).Select(MaskEnv).ToList(),
        [.. c.Config?.Entrypoint ?? [], .. c.Config?.Cmd ?? []]);

    public static ContainerActionResult ToResult(ContainerInspectResponse c) => new(c.ID, c.Name.TrimStart('/'), c.State?.Status ?? "");

    private static IReadOnlyList<PortMapping> Ports(ContainerInspectResponse c)
    {
        var result = new List<PortMapping>();
        foreach (var (key, bindings) in c.NetworkSettings?.Ports ?? new Dictionary<string, IList<PortBinding>>())
        {
            var parts = key.Split('/');
            if (!int.TryParse(parts[0], out var privatePort)) continue;
            var protocol = parts.Length > 1 ? parts[1] : "tcp";
            if (bindings is null || bindings.Count == 0) { result.Add(new PortMapping(privatePort, null, protocol, null)); continue; }
            foreach (var b in bindings)
                result.Add(new PortMapping(privatePort, int.TryParse(b.HostPort, out var hp) ? hp : null, protocol, b.HostIP));
        }
        return result;
    }

    /// <summary>Env values whose names look secret are never sent to the console.</summary>
    private static string MaskEnv(string entry)
    {
        var eq = entry.IndexOf('=');
        if (eq < 0) return entry;
        var name = entry[..eq].ToUpperInvariant();
        string[] secretish = ["PASSWORD", "SECRET", "TOKEN", "KEY", "CREDENTIAL"];
        return secretish.Any(name.Contains) ? entry[..(eq + 1)] + "***" : entry;
    }

    private static string? HealthFromStatus(string? status) =>
        status is null ? null
        : status.Contains("(healthy)", StringComparison.Ordinal) ? "healthy"
        : status.Contains("(unhealthy)", StringComparison.Ordinal) ? "unhealthy"
        : status.Contains("(health: starting)", StringComparison.Ordinal) ? "starting"
        : null;

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
        && t.Year > 1 ? t : null;
}
