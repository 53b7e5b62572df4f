using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Watch;

/// <summary>host.top: two readings of /proc one second apart, busiest processes first.</summary>
public static class HostTop
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    public static async Task<HostTopResult> ReadAsync(HostTopRequest request, CancellationToken ct)
    {
        if (request.Limit is < 1 or > 1000)
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"limit must be 1..1000, got {request.Limit}");
        var byMemory = request.SortBy switch
        {
            "cpu" => false,
            "memory" => true,
            _ => throw new AgentRequestException(ErrorCodes.InvalidArgument, $"sortBy must be cpu or memory, got '{request.SortBy}'"),
        };
        var before = ProcessTable.Read();
        await Task.Delay(Window, ct).ConfigureAwait(false);
        var now = ProcessTable.Read();
        var processes = now.Processes.Values
            .Select(p => new ProcessInfo(p.Pid, p.Comm, ProcessTable.CommandLine(p), Math.Round(now.CpuPercentSince(before, p.Pid) ?? 0, 1),
                ProcessTable.MemoryBytes(p), Math.Round(now.UptimeSeconds(p), 1)))
            .OrderByDescending(p => byMemory ? p.MemoryBytes : p.CpuPercent)
            .ThenByDescending(p => byMemory ? p.CpuPercent : p.MemoryBytes)
            .ThenBy(p => p.Pid)
            .Take(request.Limit)
            .ToList();
        return new HostTopResult(now.Time, now.Processes.Count, processes);
    }
}
