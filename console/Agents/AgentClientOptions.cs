namespace Monitor.Control.Agents;

/// <summary>Timing knobs of an <see cref="AgentClient"/>; the defaults suit operators, tests shorten them.</summary>
public sealed record AgentClientOptions
{
    /// <summary>How long a request waits for the agent to come online before failing with unreachable.</summary>
    public TimeSpan ConnectWait { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public ReconnectBackoff Backoff { get; init; } = new();
}
