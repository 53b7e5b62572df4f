namespace Monitor.FleetSim;

/// <summary>What the simulator serves: <see cref="Servers"/> servers on consecutive loopback ports from
/// <see cref="BasePort"/>, each with <see cref="Containers"/> containers.</summary>
public sealed record FleetOptions
{
    public int Servers { get; init; } = 10;
    public int Containers { get; init; } = 20;
    /// <summary>First port; server i listens on BasePort + i. 0 picks a free run of ports.</summary>
    public int BasePort { get; init; }
    /// <summary>Lines per second each followed log stream produces.</summary>
    public double LogLinesPerSecond { get; init; } = 5;
    /// <summary>Added before every answer (a slow network or a busy host).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;
    public bool Tls { get; init; } = true;
    /// <summary>Where the key pair, authorized_keys, certificate and monitor.toml are written.</summary>
    public required string Directory { get; init; }
    /// <summary>Names: PREFIX-0000, PREFIX-0001, ...</summary>
    public string NamePrefix { get; init; } = "sim";
    /// <summary>Seed of the metric random walks (the same seed gives the same fleet).</summary>
    public int Seed { get; init; } = 13;
    /// <summary>PostgreSQL connection string written into monitor.toml; null: a SQLite file beside it.</summary>
    public string? Postgres { get; init; }
    /// <summary>False: act as an agent older than metrics.watch's hostOnly option (container samples always sent).</summary>
    public bool HonourHostOnly { get; init; } = true;
}
