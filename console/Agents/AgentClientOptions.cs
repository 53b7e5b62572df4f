namespace Monitor.Control.Agents;

public sealed record AgentClientOptions
{
    /// <summary>How long one connect + handshake may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Default time a request may take before it fails with code timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public ReconnectBackoff Backoff { get; init; } = ReconnectBackoff.Default;
    /// <summary>Bounds concurrent dials (connect + handshake) across clients; the process-wide gate by default.</summary>
    public DialGate Dials { get; init; } = DialGate.Shared;
    public int MaxFrameBytes { get; init; } = Monitor.Shared.Protocol.ProtocolVersion.MaxFrameBytes;
}
