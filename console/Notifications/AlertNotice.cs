using Monitor.Control.Alerts;

namespace Monitor.Control.Notifications;

/// <summary>What a channel sends: an alert that opened ("firing") or resolved ("resolved").</summary>
public sealed record AlertNotice(string Status, AlertRecord Alert)
{
    public string Title => $"[{Status.ToUpperInvariant()}] {Alert.Severity.ToString().ToLowerInvariant()}: {Alert.Rule} on {Alert.Server}";
    public string Text => $"{Title}\n{Alert.Message}";
}
