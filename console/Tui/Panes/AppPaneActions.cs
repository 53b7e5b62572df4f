using Monitor.Control.Composition;
using Monitor.Control.Tui.Contexts;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Tui.Panes;

/// <summary>What the Containers pane does with supervised-app rows: list them (through the app service), act on them
/// with the container keys, show their output and details.</summary>
public static class AppPaneActions
{
    /// <summary>The server's apps as rows; none when the console has no app service or the agent does not know apps.</summary>
    public static async Task<IReadOnlyList<ContainerRow>> RowsAsync(MonitorServices services, string server, CancellationToken ct)
    {
        if (services.Apps is not { } apps) return [];
        try { return (await apps.ListAsync(server, ct).ConfigureAwait(false)).Select(a => ContainerRow.ForApp(server, a)).ToList(); }
        catch (Services.OperationFailedException) { return []; }
    }

    public static Task<AppStatus> ActAsync(MonitorServices services, string verb, ContainerRow row, CancellationToken ct)
    {
        var apps = services.Apps ?? throw new Services.OperationFailedException("this console has no app service", "config");
        return verb switch
        {
            "Start" => apps.StartAsync(row.Server, row.Name, ct),
            "Stop" => apps.StopAsync(row.Server, row.Name, ct),
            "Restart" => apps.RestartAsync(row.Server, row.Name, ct),
            "Remove" => apps.RemoveAsync(row.Server, row.Name, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, "not an app action"),
        };
    }

    public static void ShowLogs(IShell shell, ContainerRow row) => shell.RunBackground($"Output of app {row.Name}", async ct =>
    {
        var lines = new List<string>();
        if (shell.Services.Apps is { } apps)
            await foreach (var batch in apps.LogsAsync(row.Server, row.Name, 500, follow: false, ct).ConfigureAwait(false))
                lines.AddRange(batch.Select(l => l.Text));
        shell.Post(() => shell.ShowText($"App {row.Name} on {row.Server} · last {lines.Count} lines", lines));
    });

    public static void Show(IShell shell, ContainerRow row) => shell.RunBackground($"Show app {row.Name}", async ct =>
    {
        if (shell.Services.Apps is not { } apps) return;
        var d = await apps.ShowAsync(row.Server, row.Name, ct).ConfigureAwait(false);
        var s = d.Status;
        var lines = new List<string>
        {
            $"Name:      {s.Name}", $"State:     {s.State}{(s.DesiredRunning ? "" : " (not to run)")}",
            $"PID:       {s.Pid?.ToString() ?? "-"}   restarts {s.Restarts}   oom kills {s.OomKills}",
            $"Last exit: {s.LastExit ?? "-"}", $"Command:   {string.Join(' ', d.Spec.Command)}",
            $"Restart:   {d.Spec.Restart}   stop: SIG{d.Spec.StopSignal}, kill after {d.Spec.StopTimeoutSeconds} s",
            $"Limits:    memory {(d.Spec.MemoryBytes is { } m ? Format.Bytes(m) : "none")}, cpus {d.Spec.Cpus?.ToString() ?? "no limit"}",
            $"Log:       {d.LogPath}", $"Cgroup:    {d.Cgroup}",
        };
        lines.AddRange((d.Spec.SecretEnv ?? new Dictionary<string, string>()).Keys.Select(k => $"Secret:    {k}=***"));
        shell.Post(() => shell.ShowText($"App {s.Name}", lines));
    });
}
