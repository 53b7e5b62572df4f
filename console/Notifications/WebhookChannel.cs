namespace Monitor.Control.Notifications;

/// <summary>Generic JSON webhook. Body (documented in the README):
/// {"status":"firing|resolved","id","rule","kind","server","subject","severity":"warning|critical","message",
///  "opened","resolved"}.</summary>
public sealed class WebhookChannel(string name, string url, HttpClient http) : HttpChannel(name, url, http)
{
    public override string Type => "webhook";

    protected override HttpRequestMessage Build(AlertNotice notice)
    {
        var a = notice.Alert;
        return PostJson(new WebhookBody(notice.Status, a.Id, a.Rule, a.Kind, a.Server, a.Subject, a.Severity.ToString().ToLowerInvariant(),
            a.Message, a.Opened, a.Resolved), NotificationJsonContext.Default.WebhookBody);
    }
}
