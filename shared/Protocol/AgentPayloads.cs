namespace Monitor.Shared.Protocol;

public sealed record AgentInfoRequest();

public sealed record AgentInfo(
    string AgentVersion,
    string Hostname,
    string Os,
    int CpuCount,
    string? DockerVersion,
    string? DockerApiVersion,
    bool DockerReachable);

public sealed record HostMetricsRequest();

public sealed record HostMetrics(
    DateTimeOffset Time,
    double CpuPercent,
    double Load1, double Load5, double Load15,
    long MemoryTotalBytes, long MemoryUsedBytes, long MemoryAvailableBytes,
    long SwapTotalBytes, long SwapUsedBytes,
    IReadOnlyList<DiskUsage> Disks,
    IReadOnlyList<NetworkUsage> Networks,
    int ProcessCount,
    IReadOnlyList<TemperatureReading> Temperatures,
    double UptimeSeconds);

public sealed record DiskUsage(string Mount, string Device, string FileSystem, long TotalBytes, long UsedBytes, long AvailableBytes);

public sealed record NetworkUsage(string Interface, long RxBytes, long TxBytes);

public sealed record TemperatureReading(string Sensor, double Celsius);
