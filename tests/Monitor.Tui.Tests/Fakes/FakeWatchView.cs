using System.Collections.Concurrent;
using Monitor.Control.Alerts;
using Monitor.Control.Store;
using Monitor.Control.Watch;
using Monitor.Shared.Protocol;

namespace Monitor.Tui.Tests.Fakes;

/// <summary>An in-memory watch view: a metric series per (server, container) made from a value function, open alerts
/// and process states set by the test; records every history query and silence.</summary>
public sealed class FakeWatchView : IWatchView
{
    public ConcurrentQueue<(string Server, string? Container, TimeSpan Back)> Queries { get; } = new();
    public ConcurrentQueue<(string Server, TimeSpan Duration)> Silences { get; } = new();
    public List<AlertRecord> Alerts { get; } = [];
    public List<ProcessState> Processes { get; } = [];
    public Func<int, double> Cpu { get; set; } = i => i;
    public DateTimeOffset Now { get; set; } = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    public Task<MetricSeries> HistoryAsync(string server, string? container, TimeSpan back, int points, CancellationToken ct)
    {
        Queries.Enqueue((server, container, back));
        var step = back / points;
        var series = Enumerable.Range(0, points).Select(i => new MetricPoint(server, 0, container ?? MetricPoint.Host, Now - back + step * i, 1,
            Cpu(i), Cpu(i), container is null ? 50 : 64 * 1024 * 1024, 50, null, 0.5, null, 0, 0)).ToList();
        return Task.FromResult(new MetricSeries(server, container, new HistoryTier(1, step, TimeSpan.FromDays(7)), step, Now - back, Now, series));
    }

    public Task<IReadOnlyList<AlertRecord>> OpenAlertsAsync(CancellationToken ct)
    {
        lock (Alerts) return Task.FromResult<IReadOnlyList<AlertRecord>>(Alerts.Where(a => a.IsOpen).ToList());
    }

    public Task SilenceAsync(string server, TimeSpan duration, CancellationToken ct)
    {
        Silences.Enqueue((server, duration));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ProcessState>> ProcessesAsync(string server, CancellationToken ct) => Task.FromResult<IReadOnlyList<ProcessState>>(Processes.ToList());
}
