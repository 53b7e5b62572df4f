using System.Net.Sockets;
using System.Text.Json;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.DockerViews;

/// <summary>A plain HTTP GET to the engine for endpoints Docker.DotNet does not wrap (GET /system/df), over the same
/// socket as the Docker client (unix:// or tcp://).</summary>
public sealed class EngineHttp(string dockerSocket)
{
    private readonly Lazy<HttpClient> _http = new(() => Create(dockerSocket));

    public async Task<JsonDocument> GetJsonAsync(string path, string what, CancellationToken ct)
    {
        try
        {
            using var response = await _http.Value.GetAsync(path, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var doc = await JsonDocument.ParseAsync(body, cancellationToken: ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return doc;
                using (doc)
                {
                    var message = doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
                    throw new AgentRequestException(ErrorCodes.DockerError, $"{what}: {message ?? $"Docker answered {(int)response.StatusCode}"}");
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException or JsonException)
        {
            throw new AgentRequestException(ErrorCodes.DockerError, $"{what}: cannot talk to the Docker engine ({ex.Message}); check that dockerd is running and docker_socket in agent.toml");
        }
    }

    private static HttpClient Create(string socket)
    {
        var uri = new Uri(socket);
        if (uri.Scheme == "unix")
        {
            var path = uri.LocalPath;
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try { await s.ConnectAsync(new UnixDomainSocketEndPoint(path), ct).ConfigureAwait(false); }
                    catch { s.Dispose(); throw; }
                    return new NetworkStream(s, ownsSocket: true);
                },
            };
            return new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = TimeSpan.FromMinutes(2) };
        }
        return new HttpClient { BaseAddress = new UriBuilder("http", uri.Host, uri.Port).Uri, Timeout = TimeSpan.FromMinutes(2) };
    }
}
