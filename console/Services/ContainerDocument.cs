using System.Globalization;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

/// <summary>A container's inspect details as a readable document (sections of "key: value" lines), shared by
/// `monitor container inspect` and the TUI's inspect view.</summary>
public static class ContainerDocument
{
    public static IReadOnlyList<string> Lines(ContainerDetails d)
    {
        var lines = new List<string>
        {
            $"Name:          {d.Name}",
            $"Id:            {d.Id}",
            $"Image:         {d.Image} ({Short(d.ImageId)})",
            $"State:         {d.State}{(d.Health is null ? "" : $" ({d.Health})")}{(d.ExitCode is { } code ? $", exit code {code}" : "")}",
            $"Created:       {Time(d.Created)}",
            $"Started:       {Time(d.StartedAt)}",
            $"Finished:      {Time(d.FinishedAt)}",
            $"Restarts:      {d.RestartCount}",
            $"Restart rule:  {d.RestartPolicy ?? "-"}",
            $"Command:       {string.Join(' ', d.Command)}",
            $"Working dir:   {d.WorkingDir ?? "-"}",
            $"User:          {d.User ?? "-"}",
            $"Hostname:      {d.Hostname ?? "-"}",
            "",
            "Ports:",
        };
        lines.AddRange(d.Ports.Count == 0 ? ["  (none)"] : d.Ports.Select(p =>
            p.PublicPort is { } pub ? $"  {p.HostIp ?? "0.0.0.0"}:{pub} -> {p.PrivatePort}/{p.Protocol}" : $"  {p.PrivatePort}/{p.Protocol} (not published)"));
        lines.Add("");
        lines.Add("Mounts:");
        lines.AddRange(d.Mounts is { Count: > 0 } mounts
            ? mounts.Select(m => $"  {m.Type,-7} {(m.Name ?? m.Source)} -> {m.Destination}{(m.ReadWrite ? "" : " (read-only)")}")
            : ["  (none)"]);
        lines.Add("");
        lines.Add("Networks:");
        lines.AddRange(d.Networks is { Count: > 0 } networks
            ? networks.Select(n => $"  {n.Name}: {n.IpAddress ?? "-"}{(n.Aliases.Count > 0 ? $" (aliases {string.Join(", ", n.Aliases)})" : "")}")
            : ["  (none)"]);
        lines.Add("");
        lines.Add("Environment (names only; values may hold secrets):");
        lines.AddRange(d.Env.Count == 0 ? ["  (none)"] : d.Env.Select(e => $"  {e}"));
        lines.Add("");
        lines.Add("Labels:");
        lines.AddRange(d.Labels.Count == 0 ? ["  (none)"] : d.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"  {l.Key}={l.Value}"));
        return lines;
    }

    private static string Short(string id) => id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..Math.Min(id.Length, 19)] : id[..Math.Min(id.Length, 12)];

    private static string Time(DateTimeOffset? t) => t?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "-";
}
