namespace Monitor.Control.Notifications;

/// <summary>One configured destination. <see cref="SendAsync"/> throws on any failure (the dispatcher retries).</summary>
public interface INotificationChannel
{
    string Name { get; }
    string Type { get; }
    Task SendAsync(AlertNotice notice, CancellationToken ct);
}
