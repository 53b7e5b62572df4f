using Monitor.Control.Composition;
using Monitor.Control.Tui.Views;
using Terminal.Gui.App;

namespace Monitor.Control.Tui;

/// <summary>Runs the terminal UI until the operator quits (q or :q) or <paramref name="ct"/> is cancelled.</summary>
public static class TuiEntry
{
    public static async Task<int> RunAsync(MonitorServices services, TuiOptions options, CancellationToken ct)
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
        return 0;
    }
}
