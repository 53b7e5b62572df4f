using Monitor.Control.Services;
using Monitor.Control.Store;

namespace Monitor.Control.Watch;

/// <summary>Reads metric history for `monitor metrics` and the TUI graphs: picks the tier that covers the range at the
/// step asked for and merges its points into that step (mean weighted by samples, max of maxima).</summary>
public sealed class MetricHistoryService(IMetricHistoryStore store, HistoryPolicy policy, TimeProvider clock)
{
    public HistoryPolicy Policy => policy;

    public async Task<MetricSeries> QueryAsync(string server, string? container, TimeSpan back, TimeSpan? step, CancellationToken ct)
    {
        if (back <= TimeSpan.Zero) throw new OperationFailedException("--since must be a positive duration such as 6h", "invalid_argument");
        var wanted = step ?? Default(back);
        if (wanted < policy.Interval) wanted = policy.Interval;
        var tier = policy.Choose(back);
        if (wanted < tier.Step) wanted = tier.Step;
        var until = clock.GetUtcNow();
        var since = until - back;
        var points = await store.QueryMetricPointsAsync(server, tier.Tier, container ?? MetricPoint.Host, tier.BucketOf(since), until, ct).ConfigureAwait(false);
        var bucketing = tier with { Step = wanted };
        var merged = points.GroupBy(p => bucketing.BucketOf(p.At)).Select(g => Merge(g.Key, g.ToList())).ToList();
        return new MetricSeries(server, container, tier, wanted, since, until, merged);
    }

    public Task<IReadOnlyList<string>> ContainersAsync(string server, TimeSpan back, CancellationToken ct) =>
        ListAsync(server, back, ct);

    private async Task<IReadOnlyList<string>> ListAsync(string server, TimeSpan back, CancellationToken ct)
    {
        var tier = policy.Choose(back);
        var entities = await store.ListMetricEntitiesAsync(server, tier.Tier, clock.GetUtcNow() - back, ct).ConfigureAwait(false);
        return entities.Where(e => e != MetricPoint.Host).ToList();
    }

    /// <summary>About 60-120 points over the range, at a round step.</summary>
    public static TimeSpan Default(TimeSpan back) =>
        new[] { 10, 60, 300, 600, 1800, 3600, 6 * 3600, 86400 }.Select(s => TimeSpan.FromSeconds(s)).FirstOrDefault(s => back / s <= 120, TimeSpan.FromDays(1));

    private static MetricPoint Merge(DateTimeOffset at, List<MetricPoint> points)
    {
        if (points.Count == 1) return points[0] with { At = at };
        var n = points.Sum(p => p.Samples);
        double Mean(Func<MetricPoint, double> f) => points.Sum(p => f(p) * p.Samples) / n;
        double? MeanOf(Func<MetricPoint, double?> f)
        {
            var with = points.Where(p => f(p) is not null).ToList();
            var m = with.Sum(p => p.Samples);
            return m == 0 ? null : with.Sum(p => f(p)!.Value * p.Samples) / m;
        }
        var first = points[0];
        return new MetricPoint(first.Server, first.Tier, first.Entity, at, n, Mean(p => p.Cpu), points.Max(p => p.CpuMax),
            Mean(p => p.Memory), points.Max(p => p.MemoryMax), MeanOf(p => p.Disk), MeanOf(p => p.Load1), MeanOf(p => p.Temperature),
            Mean(p => p.NetRx), Mean(p => p.NetTx));
    }
}
