namespace Monitor.Control.Fleet;

/// <summary>What an agent told this console about its key at the last handshake (auth.ok).</summary>
public interface IAgentIdentity
{
    /// <summary>viewer|operator|admin; null before the first handshake or from an agent older than roles (then: admin).</summary>
    string? Role { get; }
    string? KeyName { get; }
    string? AgentVersion { get; }
}
