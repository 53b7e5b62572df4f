using Monitor.Shared.Protocol;

namespace Monitor.Control.Tui.Contexts;

/// <summary>A container as the Containers pane shows it, with the server it runs on and its last stats.</summary>
public sealed record ContainerRow(string Server, ContainerSummary Container, ContainerStats? Stats, AppStatus? App = null)
{
    /// <summary>A supervised app shown as a row beside the containers (same keys; IMAGE says "app: COMMAND").</summary>
    public static ContainerRow ForApp(string server, AppStatus app)
    {
        var status = app.UptimeSeconds is { } up ? "Up " + AppUptime(up) : app.LastExit ?? app.State;
        var summary = new ContainerSummary("app:" + app.Name, app.Name, "app: " + string.Join(' ', app.Command), app.State, status,
            null, app.StartedAt ?? DateTimeOffset.MinValue, [], new Dictionary<string, string>());
        var stats = app.Pid is null ? null : new ContainerStats("app:" + app.Name, app.Name, DateTimeOffset.UtcNow, app.CpuPercent ?? 0,
            app.MemoryBytes ?? 0, app.MemoryLimitBytes ?? 0, 0, 0, 0, 0, 0);
        return new ContainerRow(server, summary, stats, app);
    }

    public bool IsApp => App is not null;

    private static string AppUptime(double s) => s < 60 ? $"{s:0} seconds" : s < 3600 ? $"{s / 60:0} minutes" : s < 86400 ? $"{s / 3600:0} hours" : $"{s / 86400:0} days";

    public string Name => Container.Name;

    /// <summary>Docker's "Up 5 minutes (healthy)" shortened to "5 minutes"; "-" when not running.</summary>
    public string Uptime
    {
        get
        {
            var status = Container.Status;
            if (!status.StartsWith("Up ", StringComparison.Ordinal)) return "-";
            var paren = status.IndexOf(" (", StringComparison.Ordinal);
            return (paren > 0 ? status[3..paren] : status[3..]).Replace("About ", "~").Replace(" minutes", "m").Replace(" hours", "h")
                .Replace(" seconds", "s").Replace(" days", "d").Replace("an hour", "1h").Replace("a minute", "1m");
        }
    }

    public string Ports => string.Join(",", Container.Ports
        .Select(p => p.PublicPort is { } pub ? $"{pub}->{p.PrivatePort}" : $"{p.PrivatePort}")
        .Distinct());
}
