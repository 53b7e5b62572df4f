namespace Monitor.Shared.Protocol;

// Payloads of the metrics subscription (the watch area): the agent pushes one WatchSample per interval.

/// <summary>Opens the subscription: a sample now, then one every <paramref name="IntervalSeconds"/>.
/// <paramref name="Processes"/>: the named processes to report alive or not (process checks).
/// <paramref name="HostOnly"/>: host figures (and process checks) only, no container samples — what a console's
/// Servers pane needs for every server; the agent then does not read Docker at all. An agent older than the option
/// ignores it and sends containers as before (unknown JSON members are ignored), so a reader must not count on the
/// list being empty.</summary>
public sealed record WatchRequest(int IntervalSeconds = 10, IReadOnlyList<ProcessCheckSpec>? Processes = null, bool HostOnly = false);

/// <summary>One sample of a host and all of its containers and checked processes at one time.
/// <paramref name="DockerError"/>: set when Docker could not be read (then <paramref name="Containers"/> is empty and
/// says nothing about the containers). A host-only subscription (<see cref="WatchRequest.HostOnly"/>) leaves
/// <paramref name="Containers"/> empty and <paramref name="DockerError"/> null.</summary>
public sealed record WatchSample(
    DateTimeOffset Time,
    HostMetrics Host,
    IReadOnlyList<ContainerSample> Containers,
    IReadOnlyList<ProcessState> Processes,
    string? DockerError = null);

/// <summary>A container at sample time. Counters (network, block I/O) are totals since the container started.</summary>
public sealed record ContainerSample(
    string Id,
    string Name,
    string State,
    string? Health,
    int RestartCount,
    double CpuPercent,
    long MemoryUsedBytes,
    long MemoryLimitBytes,
    long NetRxBytes,
    long NetTxBytes,
    long BlockReadBytes,
    long BlockWriteBytes,
    IReadOnlyDictionary<string, string>? Labels = null);

/// <summary>A process to check: by executable name (as in /proc/PID/comm or the basename of exe) or by pidfile.</summary>
public sealed record ProcessCheckSpec(string Name, string? Executable = null, string? PidFile = null);

/// <summary>Whether a checked process runs, with its figures when it does.</summary>
public sealed record ProcessState(string Name, bool Running, int? Pid, double? UptimeSeconds, double? CpuPercent, long? MemoryBytes);
