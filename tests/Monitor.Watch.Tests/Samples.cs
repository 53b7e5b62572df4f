using Monitor.Shared.Protocol;

namespace Monitor.Watch.Tests;

/// <summary>Hand-made agent samples for unit tests of the console's own logic.</summary>
internal static class Samples
{
    public static WatchSample Host(DateTimeOffset time, double cpu, long rx = 0, double load = 0.5, double diskPercent = 40,
        IReadOnlyList<ContainerSample>? containers = null, IReadOnlyList<ProcessState>? processes = null, double? temperature = null) =>
        new(time,
            new HostMetrics(time, cpu, load, load, load, 1000, 250, 750, 0, 0,
                [new DiskUsage("/", "/dev/sda1", "ext4", 1000, (long)(diskPercent * 10), 1000 - (long)(diskPercent * 10))],
                [new NetworkUsage("eth0", rx, rx / 2)], 100, temperature is { } t ? [new TemperatureReading("cpu", t)] : [], 1000),
            containers ?? [], processes ?? []);

    public static ContainerSample Container(string name, string state = "running", double cpu = 1, int restarts = 0, string? health = null,
        IReadOnlyDictionary<string, string>? labels = null) =>
        new("id-" + name, name, state, health, restarts, cpu, 100, 1000, 0, 0, 0, 0, labels);
}
