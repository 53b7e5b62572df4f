using Monitor.Shared.Protocol;

namespace Monitor.FleetSim;

/// <summary>A simulated host's figures: CPU and load wander (bounded random walk), memory drifts, the disk fills
/// slowly, network counters grow. Each call advances them.</summary>
public sealed class HostSimulation(int index, Random random)
{
    private readonly Lock _gate = new();
    private readonly DateTimeOffset _boot = DateTimeOffset.UtcNow.AddDays(-(index % 90) - 1);
    private double _cpu = 5 + index % 40;
    private double _memory = 0.3 + (index % 50) / 100.0;
    private double _disk = 0.2 + (index % 60) / 100.0;
    private long _rx = index * 1_000_000L, _tx = index * 500_000L;
    private const long MemoryTotal = 16L << 30;
    private const long DiskTotal = 200L << 30;

    public Random Random => random;

    public HostMetrics Next()
    {
        lock (_gate)
        {
            _cpu = Math.Clamp(_cpu + (random.NextDouble() - 0.5) * 8, 0.5, 99);
            _memory = Math.Clamp(_memory + (random.NextDouble() - 0.5) * 0.02, 0.05, 0.97);
            _disk = Math.Min(0.99, _disk + random.NextDouble() * 0.00001);
            _rx += random.Next(10_000, 2_000_000); _tx += random.Next(10_000, 1_000_000);
            var used = (long)(MemoryTotal * _memory);
            var diskUsed = (long)(DiskTotal * _disk);
            var load = _cpu / 100 * 4;
            return new HostMetrics(DateTimeOffset.UtcNow, Math.Round(_cpu, 1), Math.Round(load, 2), Math.Round(load * 0.9, 2), Math.Round(load * 0.8, 2),
                MemoryTotal, used, MemoryTotal - used, 2L << 30, 0,
                [new DiskUsage("/", "/dev/sda1", "ext4", DiskTotal, diskUsed, DiskTotal - diskUsed)],
                [new NetworkUsage("eth0", _rx, _tx)], 150 + index % 50,
                [new TemperatureReading("cpu", Math.Round(40 + _cpu / 4, 1))], (DateTimeOffset.UtcNow - _boot).TotalSeconds);
        }
    }
}
