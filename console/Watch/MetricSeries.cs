using Monitor.Control.Store;

namespace Monitor.Control.Watch;

/// <summary>A server's or container's history as asked for: points of <see cref="Step"/> read from <see cref="Tier"/>.</summary>
public sealed record MetricSeries(string Server, string? Container, HistoryTier Tier, TimeSpan Step, DateTimeOffset Since, DateTimeOffset Until, IReadOnlyList<MetricPoint> Points);
