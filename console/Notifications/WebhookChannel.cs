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
        return PostJson(new
        {
            status = notice.Status, id = a.Id, rule = a.Rule, kind = a.Kind, server = a.Server, subject = a.Subject,
            severity = a.Severity.ToString().ToLowerInvariant(), message = a.Message, opened = a.Opened, resolved = a.Resolved,
        });
    }
}
