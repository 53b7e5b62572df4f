using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Docker;

/// <summary>One stats sample. Without one-shot, Docker waits for a second sample so precpu is filled:
/// CPU% = Δtotal_usage / Δsystem_cpu_usage × online_cpus × 100.</summary>
internal static class StatsReader
{
    public static async Task<ContainerStats> ReadAsync(DockerClient docker, string container, CancellationToken ct)
    {
        ContainerStatsResponse? sample = null;
        await docker.Containers.GetContainerStatsAsync(container, new ContainerStatsParameters { Stream = false },
            new Progress<ContainerStatsResponse>(s => sample ??= s), ct).ConfigureAwait(false);
        // Progress<T> posts asynchronously; give it a moment to land.
        for (var i = 0; i < 50 && sample is null; i++) await Task.Delay(10, ct).ConfigureAwait(false);
        if (sample is null) throw new Dispatch.AgentRequestException(ErrorCodes.DockerError, $"no stats for {container}");
        return Map(sample);
    }

    public static ContainerStats Map(ContainerStatsResponse s)
    {
        var cpuDelta = (double)s.CPUStats.CPUUsage.TotalUsage - s.PreCPUStats.CPUUsage.TotalUsage;
        var systemDelta = (double)s.CPUStats.SystemUsage - s.PreCPUStats.SystemUsage;
        var cpus = s.CPUStats.OnlineCPUs > 0 ? s.CPUStats.OnlineCPUs : (uint)(s.CPUStats.CPUUsage.PercpuUsage?.Count ?? 1);
        var cpu = systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * cpus * 100.0 : 0.0;
        long rx = 0, tx = 0;
        foreach (var n in s.Networks?.Values ?? []) { rx += (long)n.RxBytes; tx += (long)n.TxBytes; }
        long read = 0, write = 0;
        foreach (var b in s.BlkioStats?.IoServiceBytesRecursive ?? [])
        {
            if (string.Equals(b.Op, "read", StringComparison.OrdinalIgnoreCase)) read += (long)b.Value;
            else if (string.Equals(b.Op, "write", StringComparison.OrdinalIgnoreCase)) write += (long)b.Value;
        }
        return new ContainerStats(s.ID, s.Name?.TrimStart('/') ?? "", new DateTimeOffset(DateTime.SpecifyKind(s.Read, DateTimeKind.Utc)),
            Math.Round(cpu, 2), (long)s.MemoryStats.Usage, (long)s.MemoryStats.Limit, rx, tx, read, write, (int)s.PidsStats.Current);
    }
}
