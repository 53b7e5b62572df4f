using Monitor.Control.Alerts;
using Monitor.Control.Services;

namespace Monitor.Control.Notifications;

/// <summary>Sends each notice to every channel that takes its severity, in the background; each delivery is tried up
/// to the channel's attempts with doubling waits, and recorded in the action history (notification.send) with its
/// outcome, so a failed delivery is never lost silently. <see cref="DrainAsync"/> waits for deliveries under way.</summary>
public sealed class NotificationDispatcher(IReadOnlyList<(INotificationChannel Channel, AlertSeverity Min, int Attempts)> channels,
    ActionRecorder recorder, TimeSpan firstRetry, Action<string> log)
{
    private readonly List<Task> _running = [];

    public void Send(AlertNotice notice)
    {
        foreach (var (channel, min, attempts) in channels.Where(c => notice.Alert.Severity >= c.Min))
        {
            var task = Task.Run(() => DeliverAsync(channel, attempts, notice));
            lock (_running) { _running.RemoveAll(t => t.IsCompleted); _running.Add(task); }
        }
    }

    private async Task DeliverAsync(INotificationChannel channel, int attempts, AlertNotice notice)
    {
        var recorded = await recorder.StartAsync("notification.send", notice.Alert.Server, null, channel.Name, new Dictionary<string, string>
        {
            ["channel"] = channel.Name, ["type"] = channel.Type, ["alert"] = notice.Alert.Id, ["status"] = notice.Status,
        }).ConfigureAwait(false);
        var wait = firstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await channel.SendAsync(notice, timeout.Token).ConfigureAwait(false);
                recorded.SetResult("attempts", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await recorded.SucceedAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or InvalidOperationException)
            {
                recorded.AppendOutput($"attempt {attempt}: {e.Message}\n");
                if (attempt >= attempts)
                {
                    recorded.SetResult("attempts", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    await recorded.FailAsync($"{channel.Type} channel {channel.Name}: gave up after {attempt} attempts: {e.Message}").ConfigureAwait(false);
                    log($"notification to {channel.Name} failed after {attempt} attempts: {e.Message}");
                    return;
                }
                await Task.Delay(wait).ConfigureAwait(false);
                wait *= 2;
            }
        }
    }

    public async Task DrainAsync()
    {
        Task[] running;
        lock (_running) running = [.. _running];
        await Task.WhenAll(running).ConfigureAwait(false);
    }
}
