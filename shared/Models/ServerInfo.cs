namespace Monitor.Shared.Models;

/// <summary>A managed server as the store keeps it.</summary>
public sealed record ServerInfo
{
    public required string Name { get; init; }
    /// <summary>ws://host:port or wss://host:port of the server's monitor-agent.</summary>
    public required string Url { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Pinned TLS certificate fingerprint (trust on first use), for wss:// agents.</summary>
    public string? TlsFingerprint { get; init; }
    public DateTimeOffset Added { get; init; } = DateTimeOffset.UtcNow;
}
