namespace Monitor.Agent.Connections;

/// <summary>Who authenticated on a connection: the key (for the agent's log) and what its authorized_keys line lets it do.</summary>
internal sealed record AuthOutcome(string KeyFingerprint, string? User, Monitor.Shared.Protocol.AgentRole Role = Monitor.Shared.Protocol.AgentRole.Admin, string? KeyName = null);
