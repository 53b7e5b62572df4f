using Monitor.Control.Alerts;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Watch;

/// <summary>What the TUI shows of the watch area: metric history for the graphs, open alerts (and silencing them),
/// and a server's process checks. Panes go through this, never the store or agents.</summary>
public interface IWatchView
{
    Task<MetricSeries> HistoryAsync(string server, string? container, TimeSpan back, int points, CancellationToken ct);
    Task<IReadOnlyList<AlertRecord>> OpenAlertsAsync(CancellationToken ct);
    Task SilenceAsync(string server, TimeSpan duration, CancellationToken ct);
    /// <summary>The [[watch.processes]] that apply to the server, as its agent reports them now (one sample).</summary>
    Task<IReadOnlyList<ProcessState>> ProcessesAsync(string server, CancellationToken ct);
}
