namespace Monitor.Control.Alerts;

/// <summary>Where alert transitions go: the store, the action history and the notification channels.</summary>
public interface IAlertSink
{
    Task ApplyAsync(AlertTransition change, CancellationToken ct);
}
