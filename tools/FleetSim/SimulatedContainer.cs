using Monitor.Shared.Protocol;

namespace Monitor.FleetSim;

/// <summary>One container of a simulated server: state changed by start/stop/restart, figures that wander.</summary>
public sealed class SimulatedContainer(string server, int index, DateTimeOffset created)
{
    private readonly Lock _gate = new();
    private long _netRx, _netTx, _blockRead, _blockWrite;
    private double _cpu = 1 + index % 7;

    public string Id { get; } = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{server}/{index}")));
    public string Name { get; } = $"app-{index:00}";
    public string Image { get; } = index % 3 == 0 ? "local/busybox:latest" : $"registry.local/app{index % 5}:1.{index % 4}";
    public DateTimeOffset Created { get; } = created;
    public string State { get; private set; } = "running";
    public DateTimeOffset? StartedAt { get; private set; } = created;
    public DateTimeOffset? FinishedAt { get; private set; }
    public int RestartCount { get; private set; }
    public long MemoryLimit { get; } = 512L << 20;

    public IReadOnlyDictionary<string, string> Labels => new Dictionary<string, string>
    {
        ["com.docker.compose.project"] = $"stack{index % 4}",
        ["com.docker.compose.service"] = Name,
    };

    public bool Matches(string reference) =>
        string.Equals(reference, Name, StringComparison.Ordinal) || string.Equals(reference, "/" + Name, StringComparison.Ordinal)
        || (reference.Length >= 4 && Id.StartsWith(reference, StringComparison.Ordinal));

    public void Start() { lock (_gate) { if (State != "running") { State = "running"; StartedAt = DateTimeOffset.UtcNow; } } }

    public void Stop() { lock (_gate) { if (State == "running") { State = "exited"; FinishedAt = DateTimeOffset.UtcNow; } } }

    public void Restart() { lock (_gate) { State = "running"; StartedAt = DateTimeOffset.UtcNow; RestartCount++; } }

    public ContainerSummary Summary() => new(Id, Name, Image, State,
        State == "running" ? $"Up {Format(DateTimeOffset.UtcNow - (StartedAt ?? Created))}" : "Exited (0)",
        null, Created, [new PortMapping(8080, null, "tcp", null)], Labels);

    public ContainerDetails Details() => new(Id, Name, Image, "sha256:" + Id, State, null, State == "running" ? null : 0, Created,
        StartedAt, FinishedAt, RestartCount, [new PortMapping(8080, null, "tcp", null)], Labels, ["SIMULATED=1"], ["/bin/app", "--serve"],
        Hostname: Id[..12]);

    /// <summary>Advances the figures by one sample (a bounded random walk) and returns them.</summary>
    public ContainerSample Sample(Random random)
    {
        lock (_gate)
        {
            var running = State == "running";
            _cpu = running ? Math.Clamp(_cpu + (random.NextDouble() - 0.5) * 4, 0.1, 95) : 0;
            if (running)
            {
                _netRx += random.Next(1_000, 200_000); _netTx += random.Next(1_000, 100_000);
                _blockRead += random.Next(0, 50_000); _blockWrite += random.Next(0, 80_000);
            }
            var memory = running ? (long)(MemoryLimit * (0.2 + 0.1 * Math.Sin(index + DateTime.UtcNow.Minute))) : 0;
            return new ContainerSample(Id, Name, State, null, RestartCount, Math.Round(_cpu, 2), memory, MemoryLimit,
                _netRx, _netTx, _blockRead, _blockWrite, Labels);
        }
    }

    public ContainerStats Stats(Random random)
    {
        var s = Sample(random);
        return new ContainerStats(Id, Name, DateTimeOffset.UtcNow, s.CpuPercent, s.MemoryUsedBytes, s.MemoryLimitBytes,
            s.NetRxBytes, s.NetTxBytes, s.BlockReadBytes, s.BlockWriteBytes, State == "running" ? 3 : 0);
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours} hours" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} minutes" : "Less than a second";
}
