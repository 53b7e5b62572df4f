namespace Monitor.Shared.Models;

/// <summary>Values of an action record's <c>Result["outcome"]</c> for endings other than plain success or failure.</summary>
public static class ActionOutcomes
{
    public const string Key = "outcome";
    /// <summary>The monitor process that ran it ended (killed, crashed) before it finished; closed by the next one.</summary>
    public const string Interrupted = "interrupted";
    /// <summary>Ctrl-C, SIGTERM or a cancelled TUI operation.</summary>
    public const string Cancelled = "cancelled";
}
