namespace Monitor.Control.Store;

/// <summary>The metric history the watcher writes and `monitor metrics` and the TUI graphs read (both SQL backends).
/// Times are UTC, truncated to microseconds; ranges are half-open.</summary>
public interface IMetricHistoryStore
{
    /// <summary>Stores points atomically; a point for the same server, tier, entity and time is replaced.</summary>
    Task AddMetricPointsAsync(IReadOnlyList<MetricPoint> points, CancellationToken ct = default);

    /// <summary>One entity's points of one tier with since &lt;= At &lt; until, oldest first.</summary>
    Task<IReadOnlyList<MetricPoint>> QueryMetricPointsAsync(string server, int tier, string entity, DateTimeOffset since, DateTimeOffset until, CancellationToken ct = default);

    /// <summary>The entities (host "" and container names) with points in the tier since a time.</summary>
    Task<IReadOnlyList<string>> ListMetricEntitiesAsync(string server, int tier, DateTimeOffset since, CancellationToken ct = default);

    /// <summary>Deletes the tier's points older than <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneMetricPointsAsync(int tier, DateTimeOffset before, CancellationToken ct = default);
}
