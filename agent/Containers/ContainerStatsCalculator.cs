using Docker.DotNet.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Containers;

/// <summary>One stats sample as `docker stats` computes it: CPU% = Δtotal / Δsystem × online CPUs × 100.</summary>
public static class ContainerStatsCalculator
{
    public static double CpuPercent(CPUStats? now, CPUStats? before)
    {
        if (now?.CPUUsage is null || before?.CPUUsage is null) return 0;
        var cpuDelta = (double)now.CPUUsage.TotalUsage - before.CPUUsage.TotalUsage;
        var systemDelta = (double)(now.SystemUsage ?? 0) - (before.SystemUsage ?? 0);
        var cpus = now.OnlineCPUs is > 0 ? now.OnlineCPUs.Value : (uint)Math.Max(1, now.CPUUsage.PercpuUsage?.Count ?? 1);
        return cpuDelta > 0 && systemDelta > 0 ? cpuDelta / systemDelta * cpus * 100.0 : 0;
    }

    public static ContainerStats From(string id, string name, ContainerStatsResponse s)
    {
        // Like docker stats: page cache that can be dropped is not "used" (cgroup v1 total_inactive_file, v2 inactive_file).
        var stats = s.MemoryStats?.Stats;
        ulong cache = 0;
        if (stats is not null && (stats.TryGetValue("total_inactive_file", out cache) || stats.TryGetValue("inactive_file", out cache))) { }
        var usage = s.MemoryStats?.Usage ?? 0;
        var used = usage > cache ? usage - cache : usage;
        var blk = s.BlkioStats?.IoServiceBytesRecursive ?? [];
        return new ContainerStats(
            id, name,
            s.Read == default ? DateTimeOffset.UtcNow : new DateTimeOffset(DateTime.SpecifyKind(s.Read, DateTimeKind.Utc)),
            CpuPercent(s.CPUStats, s.PreCPUStats),
            (long)used,
            (long)(s.MemoryStats?.Limit ?? 0),
            (long)(s.Networks?.Values.Aggregate(0UL, (a, n) => a + n.RxBytes) ?? 0),
            (long)(s.Networks?.Values.Aggregate(0UL, (a, n) => a + n.TxBytes) ?? 0),
            (long)blk.Where(e => string.Equals(e.Op, "read", StringComparison.OrdinalIgnoreCase)).Aggregate(0UL, (a, e) => a + e.Value),
            (long)blk.Where(e => string.Equals(e.Op, "write", StringComparison.OrdinalIgnoreCase)).Aggregate(0UL, (a, e) => a + e.Value),
            (int)(s.PidsStats?.Current ?? 0));
    }
}
