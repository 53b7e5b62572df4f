namespace Monitor.Shared.Protocol;

/// <summary>Why a metrics subscription ended (the agent stopping; a cancelled stream ends without one).</summary>
public sealed record WatchEnd(string Reason);
