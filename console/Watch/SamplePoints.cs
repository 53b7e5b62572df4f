using Monitor.Control.Store;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Watch;

/// <summary>Turns an agent's sample into raw history points (host + one per container); network counters become
/// rates against the previous sample of the same server (none for the first, or after a counter reset).</summary>
public static class SamplePoints
{
    public static IReadOnlyList<MetricPoint> From(string server, WatchSample sample, WatchSample? previous)
    {
        var seconds = previous is null ? 0 : (sample.Time - previous.Time).TotalSeconds;
        var host = sample.Host;
        var memory = host.MemoryTotalBytes > 0 ? 100.0 * host.MemoryUsedBytes / host.MemoryTotalBytes : 0;
        var disk = host.Disks.Count == 0 ? (double?)null : host.Disks.Max(d => d.TotalBytes > 0 ? 100.0 * d.UsedBytes / d.TotalBytes : 0);
        var temperature = host.Temperatures.Count == 0 ? (double?)null : host.Temperatures.Max(t => t.Celsius);
        var (rx, tx) = (host.Networks.Sum(n => n.RxBytes), host.Networks.Sum(n => n.TxBytes));
        var (prx, ptx) = previous is null ? (0L, 0L) : (previous.Host.Networks.Sum(n => n.RxBytes), previous.Host.Networks.Sum(n => n.TxBytes));
        var points = new List<MetricPoint>(sample.Containers.Count + 1)
        {
            new(server, 0, MetricPoint.Host, sample.Time, 1, host.CpuPercent, host.CpuPercent, memory, memory, disk, host.Load1, temperature,
                Rate(rx, prx, seconds), Rate(tx, ptx, seconds)),
        };
        var before = previous?.Containers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var c in sample.Containers)
        {
            if (c.State != "running") continue;
            var was = before is not null && before.TryGetValue(c.Id, out var p) ? p : null;
            points.Add(new MetricPoint(server, 0, c.Name, sample.Time, 1, c.CpuPercent, c.CpuPercent, c.MemoryUsedBytes, c.MemoryUsedBytes,
                null, null, null, was is null ? 0 : Rate(c.NetRxBytes, was.NetRxBytes, seconds), was is null ? 0 : Rate(c.NetTxBytes, was.NetTxBytes, seconds)));
        }
        return points;
    }

    private static double Rate(long now, long before, double seconds) =>
        seconds > 0 && now >= before ? Math.Round((now - before) / seconds, 1) : 0;
}
