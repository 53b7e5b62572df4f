namespace Monitor.Control.Alerts;

/// <summary>One alert: opened once when its condition held long enough, resolved once when it cleared.
/// <see cref="Subject"/>: what on the server (a container, mount, process; "" for the host itself).</summary>
public sealed record AlertRecord(
    string Id,
    string Rule,
    string Kind,
    string Server,
    string Subject,
    AlertSeverity Severity,
    string Message,
    DateTimeOffset Opened,
    DateTimeOffset? Resolved = null,
    bool Silenced = false)
{
    public bool IsOpen => Resolved is null;
    public string Key => AlertKeys.Of(Rule, Server, Subject);
}
