namespace Monitor.Control.Alerts;

/// <summary>An alert condition that must now open (held for the rule's duration) or resolve (clear for as long).</summary>
public sealed record AlertTransition(bool Opens, AlertRule Rule, string Server, string Subject, AlertSeverity Severity, string Message, DateTimeOffset At);
