using Monitor.Control.Store;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Watch;

/// <summary>Records every sample into the metric history: the raw points at once, and each downsampled tier's point
/// when its step is over (kept in memory until then; <see cref="FlushAsync"/> writes unfinished steps at shutdown).
/// <see cref="PruneAsync"/> drops what each tier no longer keeps; the clock is injected for tests.</summary>
public sealed class MetricRecorder(IMetricHistoryStore store, HistoryPolicy policy, TimeProvider clock) : IWatchObserver
{
    private readonly Dictionary<string, ServerState> _servers = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public async ValueTask OnSampleAsync(string server, WatchSample sample, CancellationToken ct)
    {
        List<MetricPoint> write;
        lock (_lock)
        {
            if (!_servers.TryGetValue(server, out var state)) _servers[server] = state = new ServerState();
            var raw = SamplePoints.From(server, sample, state.Previous);
            state.Previous = sample;
            write = [.. raw];
            foreach (var tier in policy.Tiers.Skip(1))
            foreach (var point in raw)
            {
                var bucket = tier.BucketOf(point.At);
                var key = (tier.Tier, point.Entity);
                if (state.Open.TryGetValue(key, out var open) && open.At != bucket)
                {
                    write.Add(open.ToPoint());
                    open = null;
                }
                if (open is null) state.Open[key] = open = new PointAccumulator(server, tier.Tier, point.Entity, bucket);
                open.Add(point);
            }
            // Entities gone for a whole step (container removed) close their open steps.
            foreach (var (key, open) in state.Open.Where(kv => policy.Tiers[kv.Key.Tier].BucketOf(sample.Time) > kv.Value.At).ToList())
            {
                write.Add(open.ToPoint());
                state.Open.Remove(key);
            }
        }
        await store.AddMetricPointsAsync(write, ct).ConfigureAwait(false);
    }

    public ValueTask OnReachabilityAsync(string server, bool reachable, string? reason, DateTimeOffset at, CancellationToken ct)
    {
        // An unreachable server's network counters restart from scratch when it comes back.
        if (!reachable) lock (_lock) if (_servers.TryGetValue(server, out var state)) state.Previous = null;
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes the unfinished steps of <paramref name="server"/> (all servers when null) and forgets them.</summary>
    public async Task FlushAsync(string? server, CancellationToken ct)
    {
        List<MetricPoint> write = [];
        lock (_lock)
        {
            foreach (var (name, state) in _servers.Where(kv => server is null || kv.Key == server).ToList())
            {
                write.AddRange(state.Open.Values.Select(o => o.ToPoint()));
                _servers.Remove(name);
            }
        }
        await store.AddMetricPointsAsync(write, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes each tier's points older than it keeps; returns how many went.</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var removed = 0;
        foreach (var tier in policy.Tiers)
            removed += await store.PruneMetricPointsAsync(tier.Tier, now - tier.Keep, ct).ConfigureAwait(false);
        return removed;
    }

    private sealed class ServerState
    {
        public WatchSample? Previous { get; set; }
        public Dictionary<(int Tier, string Entity), PointAccumulator> Open { get; } = [];
    }
}
