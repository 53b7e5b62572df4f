namespace Monitor.Control.Notifications;

/// <summary>ntfy: POST the message as the body to SERVER/TOPIC with Title, Priority and Tags headers (https://docs.ntfy.sh/publish/).</summary>
public sealed class NtfyChannel(string name, string url, string topic, HttpClient http) : HttpChannel(name, url.TrimEnd('/') + "/" + Uri.EscapeDataString(topic), http)
{
    public override string Type => "ntfy";

    protected override HttpRequestMessage Build(AlertNotice notice)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(notice.Alert.Message) };
        request.Headers.Add("Title", notice.Title);
        request.Headers.Add("Priority", notice.Status == "resolved" ? "default" : notice.Alert.Severity == Alerts.AlertSeverity.Critical ? "urgent" : "high");
        request.Headers.Add("Tags", notice.Status == "resolved" ? "white_check_mark" : "rotating_light");
        return request;
    }
}
