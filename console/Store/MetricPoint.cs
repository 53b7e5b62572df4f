namespace Monitor.Control.Store;

/// <summary>One point of metric history: a raw sample (tier 0, <see cref="Samples"/> = 1) or the mean and max of a
/// downsampled step (tier 1, 2, ... starting at <see cref="At"/>). <see cref="Entity"/> is "" for the host, else a
/// container name. Host: CPU and memory in percent, disk = fullest mount in percent, load1, hottest sensor in °C.
/// Container: CPU in percent (of one core), memory in bytes. Network: bytes per second received and sent.</summary>
public sealed record MetricPoint(
    string Server,
    int Tier,
    string Entity,
    DateTimeOffset At,
    int Samples,
    double Cpu,
    double CpuMax,
    double Memory,
    double MemoryMax,
    double? Disk,
    double? Load1,
    double? Temperature,
    double NetRx,
    double NetTx)
{
    public const string Host = "";
}
