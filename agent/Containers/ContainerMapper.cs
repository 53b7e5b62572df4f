using System.Globalization;
using Docker.DotNet.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Containers;

/// <summary>Docker.DotNet models → protocol payloads.</summary>
public static class ContainerMapper
{
    public static ContainerSummary Summary(Docker.DotNet.Models.ContainerListResponse c) => new(
        c.ID,
        (c.Names?.FirstOrDefault() ?? c.ID[..Math.Min(12, c.ID.Length)]).TrimStart('/'),
        c.Image ?? "",
        c.State ?? "",
        c.Status ?? "",
        HealthFromStatus(c.Status),
        new DateTimeOffset(DateTime.SpecifyKind(c.Created, DateTimeKind.Utc)),
        (c.Ports ?? []).Select(p => new PortMapping(p.PrivatePort, p.PublicPort == 0 ? null : p.PublicPort, p.Type ?? "tcp",
            string.IsNullOrEmpty(p.IP) ? null : p.IP)).ToList(),
        new Dictionary<string, string>(c.Labels ?? new Dictionary<string, string>()));

    public static ContainerDetails Details(ContainerInspectResponse c) => new(
        c.ID,
        (c.Name ?? "").TrimStart('/'),
        c.Config?.Image ?? "",
        c.Image ?? "",
        c.State?.Status ?? "",
        string.IsNullOrEmpty(c.State?.Health?.Status) ? null : c.State!.Health!.Status,
        c.State is { Running: false } s && !string.Equals(s.Status, "created", StringComparison.Ordinal) ? (int)s.ExitCode : null,
        new DateTimeOffset(DateTime.SpecifyKind(c.Created, DateTimeKind.Utc)),
        ParseTime(c.State?.StartedAt),
        ParseTime(c.State?.FinishedAt),
        (int)c.RestartCount,
        Ports(c),
        new Dictionary<string, string>(c.Config?.Labels ?? new Dictionary<string, string>()),
        // Env values may hold secrets: names only.
        (c.Config?.Env ?? []).Select(e => e.Split('=', 2)[0]).ToList(),
        (c.Config?.Entrypoint ?? []).Concat(c.Config?.Cmd ?? []).ToList(),
        (c.Mounts ?? []).Select(m => new MountInfo(m.Type ?? "", string.IsNullOrEmpty(m.Name) ? null : m.Name, m.Source ?? "", m.Destination ?? "", m.RW)).ToList(),
        (c.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>()).Select(n => new ContainerNetwork(n.Key,
            string.IsNullOrEmpty(n.Value?.IPAddress) ? null : n.Value.IPAddress, (n.Value?.Aliases ?? []).ToList())).OrderBy(n => n.Name, StringComparer.Ordinal).ToList(),
        string.IsNullOrEmpty(c.HostConfig?.RestartPolicy?.Name.ToString()) ? null : c.HostConfig!.RestartPolicy!.Name.ToString(),
        string.IsNullOrEmpty(c.Config?.WorkingDir) ? null : c.Config.WorkingDir,
        string.IsNullOrEmpty(c.Config?.User) ? null : c.Config.User,
        string.IsNullOrEmpty(c.Config?.Hostname) ? null : c.Config.Hostname);

    public static ContainerActionResult Action(ContainerInspectResponse c) =>
        new(c.ID, (c.Name ?? "").TrimStart('/'), c.State?.Status ?? "");

    /// <summary>"Up 3 minutes (healthy)" → healthy; "(health: starting)" → starting.</summary>
    public static string? HealthFromStatus(string? status)
    {
        if (status is null) return null;
        if (status.Contains("(unhealthy)", StringComparison.Ordinal)) return "unhealthy";
        if (status.Contains("(healthy)", StringComparison.Ordinal)) return "healthy";
        if (status.Contains("(health: starting)", StringComparison.Ordinal)) return "starting";
        return null;
    }

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
                result.Add(new PortMapping(privatePort, int.TryParse(b.HostPort, out var hp) ? hp : null, protocol, string.IsNullOrEmpty(b.HostIP) ? null : b.HostIP));
        }
        return result;
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && t.Year > 1 ? t : null;
}
