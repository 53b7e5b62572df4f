using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace Monitor.Control.Notifications;

/// <summary>Base of the channels that POST to a URL; a non-2xx answer is a failure.</summary>
public abstract class HttpChannel(string name, string url, HttpClient http) : INotificationChannel
{
    public string Name { get; } = name;
    public abstract string Type { get; }
    protected string Url { get; } = url;

    public async Task SendAsync(AlertNotice notice, CancellationToken ct)
    {
        using var request = Build(notice);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{Type} channel {Name}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    protected abstract HttpRequestMessage Build(AlertNotice notice);

    protected HttpRequestMessage PostJson<T>(T body, JsonTypeInfo<T> type) => new(HttpMethod.Post, Url) { Content = JsonContent.Create(body, type) };
}
