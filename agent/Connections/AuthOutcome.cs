namespace Monitor.Agent.Connections;

/// <summary>Who authenticated on a connection (for the agent's log).</summary>
internal sealed record AuthOutcome(string KeyFingerprint, string? User);
