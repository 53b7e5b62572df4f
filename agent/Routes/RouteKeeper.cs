using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Routes;

/// <summary>Owns the server's route document: applies it to Caddy in one admin-API call, switches one stack's route to
/// another container (blue-green), and re-applies whenever Caddy's config differs from what it should be (Caddy
/// restarted, a container came back on another port). Until a document exists (first route.apply or deploy with a
/// route) it leaves Caddy alone.</summary>
public sealed class RouteKeeper : IDisposable
{
    private readonly AgentConfig _config;
    private readonly CaddyAdminClient? _caddy;
    private readonly UpstreamResolver _resolver;
    private readonly RouteDocumentFile _file;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private List<RouteSpec>? _routes;

    public RouteKeeper(AgentConfig config, UpstreamResolver resolver, ILogger log)
    {
        _config = config; _resolver = resolver; _log = log;
        _caddy = Uri.TryCreate(config.CaddyAdmin, UriKind.Absolute, out var admin) ? new CaddyAdminClient(admin) : null;
        _file = new RouteDocumentFile(config.WorkDir);
        try { _routes = _file.Read()?.ToList(); }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            // A damaged document must not stop the agent: routes wait for the next route.apply (monitor sync).
            _log.LogError("routes document unreadable, not applied until the next route.apply: {Message}", ex.Message);
        }
    }

    public bool Enabled => _caddy is not null;

    /// <summary>Replaces the whole document (route.apply).</summary>
    public async Task<RouteApplyResult> ApplyAsync(IReadOnlyList<RouteSpec> routes, CancellationToken ct)
    {
        foreach (var route in routes) RouteRules.Check(route);
        var duplicate = routes.GroupBy(r => r.Stack, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new AgentRequestException(ErrorCodes.InvalidArgument, $"stack {duplicate.Key} has more than one route");
        return await UpdateAsync(_ => routes.ToList(), ct).ConfigureAwait(false);
    }

    /// <summary>Sets (or adds) one stack's route, e.g. pointing it at the new container of a blue-green deploy: one
    /// admin-API call.</summary>
    /// <param name="before">Runs under the route lock first (e.g. renaming the container the route will name).</param>
    public Task<RouteApplyResult> SetAsync(RouteSpec route, CancellationToken ct, Func<Task>? before = null)
    {
        RouteRules.Check(route);
        return UpdateAsync(current => current.Where(r => r.Stack != route.Stack).Append(route).ToList(), ct, before);
    }

    /// <summary>The container a stack's route points at now (null: no route).</summary>
    public RouteSpec? Find(string stack) => _routes?.FirstOrDefault(r => r.Stack == stack);

    private async Task<RouteApplyResult> UpdateAsync(Func<List<RouteSpec>, List<RouteSpec>> change, CancellationToken ct, Func<Task>? before = null)
    {
        var caddy = _caddy ?? throw new AgentRequestException(ErrorCodes.ProxyUnavailable, "routes are off on this server (caddy_admin is empty in agent.toml)");
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (before is not null) await before().ConfigureAwait(false);
            var next = change(_routes ?? []);
            _file.Write(next);
            _routes = next;
            var changed = await EnsureAsync(caddy, next, ct).ConfigureAwait(false);
            return new RouteApplyResult(next.Count, changed);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Loads the desired config into Caddy when what Caddy runs differs from it; true when it loaded.</summary>
    private async Task<bool> EnsureAsync(CaddyAdminClient caddy, IReadOnlyList<RouteSpec> routes, CancellationToken ct)
    {
        var resolved = new List<ResolvedRoute>();
        foreach (var route in routes)
            resolved.Add(new ResolvedRoute(route, await _resolver.ResolveAsync(route.Container, route.ContainerPort, ct).ConfigureAwait(false)));
        var desired = CaddyConfigBuilder.Build(resolved, _config, caddy.AdminListen);
        var running = await caddy.GetConfigAsync(ct).ConfigureAwait(false);
        if (JsonNode.DeepEquals(running, desired)) return false;
        await caddy.LoadAsync(desired, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Re-applies the document every <see cref="AgentConfig.RouteCheckSeconds"/> when Caddy drifted from it.</summary>
    public async Task KeepAsync(CancellationToken stopping)
    {
        if (_caddy is null) return;
        var interval = TimeSpan.FromSeconds(Math.Max(1, _config.RouteCheckSeconds));
        while (!stopping.IsCancellationRequested)
        {
            if (_routes is not null)
            {
                await _gate.WaitAsync(stopping).ConfigureAwait(false);
                try
                {
                    if (await EnsureAsync(_caddy, _routes, stopping).ConfigureAwait(false))
                        _log.LogInformation("routes re-applied to Caddy ({Count} routes)", _routes.Count);
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested) { _log.LogWarning("routes not applied: {Message}", ex.Message); }
                finally { _gate.Release(); }
            }
            await Task.Delay(interval, stopping).ConfigureAwait(false);
        }
    }

    public async Task<RouteListResult> ListAsync(CancellationToken ct)
    {
        if (_caddy is null) return new RouteListResult([], false, "routes are off on this server (caddy_admin is empty in agent.toml)");
        string? error = null;
        try { await _caddy.GetConfigAsync(ct).ConfigureAwait(false); }
        catch (AgentRequestException ex) { error = ex.Message; }
        var states = new List<RouteState>();
        foreach (var route in _routes ?? [])
        {
            var upstream = await _resolver.ResolveAsync(route.Container, route.ContainerPort, ct).ConfigureAwait(false);
            var (certificate, expires) = route.Tls == "off" || error is not null || route.Hosts.Count == 0
                ? (route.Tls == "off" ? "off" : "unknown", (DateTimeOffset?)null)
                : await CertificateProbe.ProbeAsync(route.Hosts[0], _config.RouteHttpsPort, ct).ConfigureAwait(false);
            states.Add(new RouteState(route.Stack, Urls(route), route.Tls, route.Container, upstream, certificate, expires));
        }
        return new RouteListResult(states, error is null, error);
    }

    private List<string> Urls(RouteSpec route)
    {
        var secure = route.Tls != "off";
        var port = secure ? _config.RouteHttpsPort : _config.RouteHttpPort;
        var suffix = (secure && port == 443) || (!secure && port == 80) ? "" : ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return route.Hosts.Select(h => $"{(secure ? "https" : "http")}://{h}{suffix}{route.Path ?? "/"}").ToList();
    }

    public void Dispose()
    {
        _caddy?.Dispose();
        _gate.Dispose();
    }
}
