using System.Net.Sockets;
using System.Text.Json;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.DockerViews;

/// <summary>A plain HTTP GET to the engine for endpoints Docker.DotNet does not wrap (GET /system/df) or where its
/// wrapper costs (logs: its stream hides frame boundaries and inspects the container again), over the same socket as
/// the Docker client (unix:// or tcp://).</summary>
public sealed class EngineHttp(string dockerSocket)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);
    private readonly Lazy<HttpClient> _http = new(() => Create(dockerSocket));

    /// <summary>The response body of a streaming GET (read as it arrives; a followed log may stay open for days).
    /// 404 becomes NotFound, other failures DockerError, both with Docker's own message.</summary>
    public async Task<Stream> OpenStreamAsync(string path, string what, CancellationToken ct)
    {
        HttpResponseMessage? response = null;
        try
        {
            using (var headers = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                headers.CancelAfter(RequestTimeout);
                response = await _http.Value.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false);
            }
            if (response.IsSuccessStatusCode) return await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var code = response.StatusCode == System.Net.HttpStatusCode.NotFound ? ErrorCodes.NotFound : ErrorCodes.DockerError;
            throw new AgentRequestException(code, $"{what}: {Message(body) ?? $"Docker answered {(int)response.StatusCode}"}");
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException)
        {
            response?.Dispose();
            throw new AgentRequestException(ErrorCodes.DockerError, $"{what}: cannot talk to the Docker engine ({ex.Message}); check that dockerd is running and docker_socket in agent.toml");
        }
        catch (AgentRequestException)
        {
            response?.Dispose();
            throw;
        }
    }

    private static string? Message(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
        }
        catch (JsonException) { return body.Trim() is { Length: > 0 } text ? text : null; }
    }

    public async Task<JsonDocument> GetJsonAsync(string path, string what, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(RequestTimeout);
            using var response = await _http.Value.GetAsync(path, timeout.Token).ConfigureAwait(false);
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
            return new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = Timeout.InfiniteTimeSpan };
        }
        return new HttpClient { BaseAddress = new UriBuilder("http", uri.Host, uri.Port).Uri, Timeout = Timeout.InfiniteTimeSpan };
    }
}
