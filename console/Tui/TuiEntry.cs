using Monitor.Control.Composition;
using Monitor.Control.Exec;
using Monitor.Control.Tui.Views;
using Terminal.Gui.App;

namespace Monitor.Control.Tui;

/// <summary>Runs the terminal UI until the operator quits (q or :q) or <paramref name="ct"/> is cancelled. An exec
/// (x on a container) stops the UI, gives the terminal to the session, and reopens the UI on the same server.</summary>
public static class TuiEntry
{
    public static async Task<int> RunAsync(MonitorServices services, TuiOptions options, CancellationToken ct)
    {
        var current = options;
        while (!ct.IsCancellationRequested)
        {
            var exec = await RunOnceAsync(services, current, ct);
            if (exec is not { } target || services.Exec is null) return 0;
            if (target.Container == Fleet.HostShellService.TuiTarget)
                await RunHostShellAsync(new Fleet.HostShellService(services.Directory!, services.Recorder!), target.Server, ct);
            else
                await RunExecAsync(services.Exec, target.Server, target.Container, ct);
            current = options with { StartCommand = $"server {target.Server}" };
        }
        return 0;
    }

    private static async Task<(string Server, string Container)?> RunOnceAsync(MonitorServices services, TuiOptions options, CancellationToken ct)
    {
        using IApplication app = Application.Create();
        app.Init(options.Driver);
        using var window = new MainWindow(app, services, options);
        using var stop = ct.Register(() => app.Invoke(() => app.RequestStop(window)));
        window.RunBackground("Load", c => window.RefreshAllAsync(c));
        if (options.StartCommand is { Length: > 0 } start) window.RunCommandLine(start);
        await Task.Yield();
        app.Run(window, e =>
        {
            window.SetMessage(ErrorText.For("The last action", e), error: true);
            return true;
        });
        return window.PendingExec;
    }

    private static async Task RunHostShellAsync(Fleet.HostShellService shell, string server, CancellationToken ct)
    {
        Console.Write("\u001b[2J\u001b[H");
        Console.WriteLine($"monitor: shell on the host {server} — type `exit` to come back");
        using var terminal = new ConsoleExecTerminal();
        try
        {
            var code = await shell.RunAsync(server, terminal, ct);
            Console.WriteLine($"\r\nmonitor: host shell ended (exit code {code}); back to the console");
        }
        catch (Exception e) when (e is Services.OperationFailedException or OperationCanceledException)
        {
            Console.WriteLine($"\r\nmonitor: host shell failed: {e.Message}");
            await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
        }
    }

    private static async Task RunExecAsync(ExecService exec, string server, string container, CancellationToken ct)
    {
        Console.Write("\u001b[2J\u001b[H");
        Console.WriteLine($"monitor: shell in {container} on {server} — type `exit` to come back");
        using var terminal = new ConsoleExecTerminal();
        try
        {
            var code = await exec.RunAsync(server, container, [], terminal, ct);
            Console.WriteLine($"\r\nmonitor: shell ended (exit code {code}); back to the console");
        }
        catch (Exception e) when (e is Services.OperationFailedException or OperationCanceledException)
        {
            Console.WriteLine($"\r\nmonitor: exec failed: {e.Message}");
            await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
        }
    }
}
