namespace Monitor.Shared.Models;

/// <summary>One point of a server's metric history (what the sparklines and alerts read).</summary>
public sealed record MetricSample(
    string Server,
    DateTimeOffset Time,
    double CpuPercent,
    long MemoryUsedBytes,
    long MemoryTotalBytes,
    long DiskUsedBytes,
    long DiskTotalBytes,
    double? MaxTemperatureCelsius,
    double Load1);
