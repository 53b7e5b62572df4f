namespace Monitor.Shared.Protocol;

/// <summary>Asks for the busiest processes of a host. <paramref name="SortBy"/>: "cpu" (default) or "memory".</summary>
public sealed record HostTopRequest(int Limit = 20, string SortBy = "cpu");

/// <summary>The top processes, busiest first, and how many processes the host runs in all.</summary>
public sealed record HostTopResult(DateTimeOffset Time, int ProcessCount, IReadOnlyList<ProcessInfo> Processes);

/// <summary>One process: CPU in percent of one core over the last second (like top), resident memory.</summary>
public sealed record ProcessInfo(int Pid, string Name, string CommandLine, double CpuPercent, long MemoryBytes, double UptimeSeconds);
