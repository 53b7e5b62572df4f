using Monitor.Control.Tui.Contexts;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Tui.Panes;

/// <summary>The graphs overlay of a server (CPU, memory, load, process checks) or a container (CPU, memory) over
/// 1h / 24h / 7d, switched with h / d / w while it is open. Reads the metric history through
/// <see cref="Watch.IWatchView"/>; the panes' live sparklines do not depend on it.</summary>
public sealed class WatchGraphs(IShell shell)
{
    public static readonly IReadOnlyList<(string Key, string Label, TimeSpan Back)> Ranges =
        [("h", "1h", TimeSpan.FromHours(1)), ("d", "24h", TimeSpan.FromHours(24)), ("w", "7d", TimeSpan.FromDays(7))];
    public const int Width = 72;

    public void Show(string server, string? container, int range = 0)
    {
        if (shell.Services.Watch is not { } watch) { shell.SetMessage("Graphs need the metric history (open the TUI on a monitor.toml).", error: true); return; }
        var (_, label, back) = Ranges[range];
        var what = container is null ? $"host {server}" : $"container {container} on {server}";
        shell.RunBackground($"Graphs of {what}", async ct =>
        {
            var series = await watch.HistoryAsync(server, container, back, Width, ct).ConfigureAwait(false);
            IReadOnlyList<ProcessState>? processes = null;
            string? processError = null;
            if (container is null)
            {
                try { processes = await watch.ProcessesAsync(server, ct).ConfigureAwait(false); }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested) { processError = e.Message; }
            }
            var lines = WatchGraphText.Lines(series, processes, processError, Width);
            var keys = string.Join(" · ", Ranges.Select(r => $"{r.Key} {r.Label}"));
            shell.Post(() => shell.ShowText($"Graphs: {what}, last {label}  ({keys})", lines, key =>
            {
                var next = Ranges.ToList().FindIndex(r => r.Key == key);
                if (next < 0) return false;
                Show(server, container, next);
                return true;
            }));
        });
    }
}
