namespace Monitor.Control.Notifications;

/// <summary>Discord webhook: POST {"content": "..."} (at most 2000 characters; https://discord.com/developers/docs/resources/webhook).</summary>
public sealed class DiscordChannel(string name, string url, HttpClient http) : HttpChannel(name, url, http)
{
    public override string Type => "discord";
    protected override HttpRequestMessage Build(AlertNotice notice) =>
        PostJson(new DiscordBody(notice.Text.Length > 2000 ? notice.Text[..2000] : notice.Text), NotificationJsonContext.Default.DiscordBody);
}
