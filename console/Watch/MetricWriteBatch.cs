using Monitor.Control.Store;

namespace Monitor.Control.Watch;

/// <summary>The metric history as `monitor serve` writes it: points from every watched server are gathered and
/// written in ONE store call (one transaction) per <see cref="Period"/> instead of one per sample, so 200 servers
/// sending a sample every 10 s cost one commit per interval rather than twenty a second. Reads and pruning go straight
/// to the store. A point written twice before a flush (same server, tier, entity and time) ends as its last version: the
/// store's AddMetricPointsAsync keeps the last of each key. A failed flush is logged and its
/// points dropped, as a failed per-sample write was before. Dispose flushes what is left.</summary>
public sealed class MetricWriteBatch : IMetricHistoryStore, IAsyncDisposable
{
    private readonly IMetricHistoryStore _store;
    private readonly Action<string> _log;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private List<MetricPoint> _pending = [];

    public MetricWriteBatch(IMetricHistoryStore store, TimeSpan period, TimeProvider clock, Action<string> log, int maxPending = 100_000)
    {
        _store = store; _log = log; Period = period; MaxPending = maxPending;
        _timer = new PeriodicTimer(period, clock);
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    /// <summary>How often gathered points are written.</summary>
    public TimeSpan Period { get; }

    /// <summary>Gathered points beyond which a write starts at once (a store slower than the fleet, or a huge fleet).</summary>
    public int MaxPending { get; }

    /// <summary>Points gathered and not yet written.</summary>
    public int Pending { get { lock (_lock) return _pending.Count; } }

    /// <summary>Gathers the points for the next flush (returns at once).</summary>
    public Task AddMetricPointsAsync(IReadOnlyList<MetricPoint> points, CancellationToken ct = default)
    {
        if (points.Count == 0) return Task.CompletedTask;
        bool full;
        lock (_lock)
        {
            _pending.AddRange(points);
            full = _pending.Count >= MaxPending;
        }
        return full ? FlushAsync(ct) : Task.CompletedTask;
    }

    /// <summary>Writes everything gathered so far in one store call.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await _writing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            List<MetricPoint> batch;
            lock (_lock)
            {
                if (_pending.Count == 0) return;
                batch = _pending;
                _pending = new List<MetricPoint>(batch.Count);
            }
            await _store.AddMetricPointsAsync(batch, ct).ConfigureAwait(false);
        }
        finally { _writing.Release(); }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try { await FlushAsync(ct).ConfigureAwait(false); }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
                catch (Exception e) { _log($"watch: writing {Period.TotalSeconds:0.#} s of metric history failed: {e.Message}"); }
            }
        }
        catch (OperationCanceledException) { }
    }

    public Task<IReadOnlyList<MetricPoint>> QueryMetricPointsAsync(string server, int tier, string entity, DateTimeOffset since, DateTimeOffset until, CancellationToken ct = default) =>
        _store.QueryMetricPointsAsync(server, tier, entity, since, until, ct);

    public Task<IReadOnlyList<string>> ListMetricEntitiesAsync(string server, int tier, DateTimeOffset since, CancellationToken ct = default) =>
        _store.ListMetricEntitiesAsync(server, tier, since, ct);

    public Task<int> PruneMetricPointsAsync(int tier, DateTimeOffset before, CancellationToken ct = default) =>
        _store.PruneMetricPointsAsync(tier, before, ct);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _timer.Dispose();
        try { await FlushAsync(CancellationToken.None).ConfigureAwait(false); }
        catch (Exception e) { _log($"watch: writing the last metric history failed: {e.Message}"); }
        _stop.Dispose();
    }
}
