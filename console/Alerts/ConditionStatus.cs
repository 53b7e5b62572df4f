namespace Monitor.Control.Alerts;

/// <summary>What one evaluation says about a condition: bad at a severity, clear, or in the hysteresis band (below
/// the threshold but not far enough to count as clear: an open alert stays open, a pending one does not start).</summary>
public readonly record struct ConditionStatus(AlertSeverity? Severity, bool Clear, string Message)
{
    public static ConditionStatus Bad(AlertSeverity severity, string message) => new(severity, false, message);
    public static ConditionStatus Cleared(string message) => new(null, true, message);
    public static ConditionStatus Band(string message) => new(null, false, message);
}
