namespace Monitor.Control.Notifications;

/// <summary>Slack incoming webhook: POST {"text": "..."} (https://api.slack.com/messaging/webhooks).</summary>
public sealed class SlackChannel(string name, string url, HttpClient http) : HttpChannel(name, url, http)
{
    public override string Type => "slack";
    protected override HttpRequestMessage Build(AlertNotice notice) => PostJson(new SlackBody(notice.Text), NotificationJsonContext.Default.SlackBody);
}
