using Monitor.Control.Alerts;
using Monitor.Control.Services;
using Monitor.Control.Store;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Watch;

/// <summary>The store- and agent-backed <see cref="IWatchView"/> (composition root builds it from [watch]).</summary>
public sealed class WatchView(IStateStore store, ServerDirectory directory, ActionRecorder recorder, WatchConfig config, TimeProvider clock) : IWatchView
{
    private readonly AlertBook _book = new(store, recorder, null, clock);

    public Task<MetricSeries> HistoryAsync(string server, string? container, TimeSpan back, int points, CancellationToken ct)
    {
        var history = store as IMetricHistoryStore ?? throw new OperationFailedException("this store keeps no metric history", "config");
        var step = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(back.TotalSeconds / Math.Max(1, points))));
        return new MetricHistoryService(history, HistoryPolicy.From(config), clock).QueryAsync(server, container, back, step, ct);
    }

    public Task<IReadOnlyList<AlertRecord>> OpenAlertsAsync(CancellationToken ct) => _book.ListAsync(openOnly: true, ct);

    public Task SilenceAsync(string server, TimeSpan duration, CancellationToken ct) => _book.SilenceAsync(server, duration, ct);

    public async Task<IReadOnlyList<ProcessState>> ProcessesAsync(string server, CancellationToken ct)
    {
        var info = await directory.GetAsync(server, ct).ConfigureAwait(false);
        var checks = WatchHost.ProcessChecksFor(config, info);
        if (checks.Count == 0) return [];
        var client = await directory.ClientAsync(server, ct).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await using var stream = await client.OpenStreamAsync(AgentMethods.MetricsWatch, new WatchRequest(60, checks), timeout.Token).ConfigureAwait(false);
        await foreach (var sample in stream.ReadAllAsync(timeout.Token).ConfigureAwait(false)) return sample.Processes;
        return [];
    }
}
