using System.Text;
using System.Text.Json.Nodes;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Routes;

/// <summary>Caddy's admin API on loopback: the whole config is replaced with one <c>POST /load</c> (atomic: Caddy
/// keeps the old config when the new one fails), read back with <c>GET /config/</c>.</summary>
public sealed class CaddyAdminClient(Uri admin) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = admin, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>host:port of the admin endpoint, kept in every config we load (a config without it would move it).</summary>
    public string AdminListen { get; } = $"{admin.Host}:{admin.Port}";

    public async Task LoadAsync(JsonObject config, CancellationToken ct)
    {
        using var content = new StringContent(config.ToJsonString(), Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try { response = await _http.PostAsync("load", content, ct).ConfigureAwait(false); }
        catch (HttpRequestException ex) { throw Unavailable(ex); }
        using (response)
        {
            if (response.IsSuccessStatusCode) return;
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new AgentRequestException(ErrorCodes.ProxyUnavailable, $"Caddy refused the route config ({(int)response.StatusCode}): {body.Trim()}");
        }
    }

    /// <summary>The config Caddy runs now (null when it has none, e.g. after a restart).</summary>
    public async Task<JsonNode?> GetConfigAsync(CancellationToken ct)
    {
        string text;
        try { text = await _http.GetStringAsync("config/", ct).ConfigureAwait(false); }
        catch (HttpRequestException ex) { throw Unavailable(ex); }
        return JsonNode.Parse(text);
    }

    private AgentRequestException Unavailable(HttpRequestException ex) =>
        new(ErrorCodes.ProxyUnavailable, $"Caddy's admin API at {_http.BaseAddress} is not reachable ({ex.Message}); start caddy or set caddy_admin in agent.toml");

    public void Dispose() => _http.Dispose();
}
