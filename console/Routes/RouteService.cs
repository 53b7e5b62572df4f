using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Control.Stacks;
using Monitor.Control.Store;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Routes;

/// <summary>The routes of every server: lists them from the agents (live upstream and certificate state) and publishes
/// each server's route document (all stacks that target it and have a route) after the stacks change.</summary>
public sealed class RouteService(IStateStore store, ServerDirectory directory)
{
    public RouteService(IStateStore store, IAgentClientFactory agents) : this(store, new ServerDirectory(store, agents)) { }

    private readonly StackDocuments _documents = new(store);

    public async Task<IReadOnlyList<RouteRow>> ListAsync(string? server = null, CancellationToken ct = default)
    {
        var servers = server is null
            ? await directory.ListAsync(ct).ConfigureAwait(false)
            : [await directory.GetAsync(server, ct).ConfigureAwait(false)];
        var rows = await Task.WhenAll(servers.Select(s => ListOneAsync(s, ct))).ConfigureAwait(false);
        return rows.SelectMany(r => r).OrderBy(r => r.Server, StringComparer.Ordinal).ThenBy(r => r.Stack, StringComparer.Ordinal).ToList();
    }

    /// <summary>The routes of the servers that <paramref name="stacks"/> with a route target (the Stacks pane: no call to
    /// servers without routed stacks).</summary>
    public async Task<IReadOnlyList<RouteRow>> ListForAsync(IEnumerable<StackConfig> stacks, CancellationToken ct = default)
    {
        var names = stacks.Where(s => s.Route is not null).SelectMany(s => s.Deploy?.Targets ?? []).ToHashSet(StringComparer.Ordinal);
        if (names.Count == 0) return [];
        var servers = (await directory.ListAsync(ct).ConfigureAwait(false)).Where(s => names.Contains(s.Name));
        var rows = await Task.WhenAll(servers.Select(s => ListOneAsync(s, ct))).ConfigureAwait(false);
        return rows.SelectMany(r => r).ToList();
    }

    private async Task<IReadOnlyList<RouteRow>> ListOneAsync(ServerInfo server, CancellationToken ct)
    {
        try
        {
            var result = await (await directory.ClientAsync(server.Name, ct).ConfigureAwait(false)).RequestAsync(AgentMethods.RouteList, new RouteListRequest(), ct: ct).ConfigureAwait(false);
            return result.Routes.Select(r => new RouteRow(server.Name, r.Stack, r.Urls, r.Tls, r.Container, r.Upstream, r.Certificate, r.CertificateExpires, result.ProxyError)).ToList();
        }
        catch (AgentException ex) when (ex.Code is ErrorCodes.UnknownMethod)
        {
            return [];
        }
        catch (AgentException ex)
        {
            return [new RouteRow(server.Name, "", [], "", "", null, "unknown", null, ex.Message)];
        }
    }

    /// <summary>Sends each of <paramref name="servers"/> its whole route document (atomic on the agent). A server
    /// that does not answer is reported through <paramref name="report"/> and left for the next publish.</summary>
    public async Task PublishAsync(IEnumerable<string> servers, Action<string, string> report, CancellationToken ct)
    {
        var stacks = await _documents.ListStacksAsync(ct).ConfigureAwait(false);
        foreach (var name in servers.Distinct(StringComparer.Ordinal))
        {
            var server = await directory.FindAsync(name, ct).ConfigureAwait(false);
            if (server is null) continue;
            try
            {
                var routes = Document(stacks, name);
                var result = await (await directory.ClientAsync(server.Name, ct).ConfigureAwait(false)).RequestAsync(AgentMethods.RouteApply, new RouteApplyRequest(routes), ct: ct).ConfigureAwait(false);
                report(name, $"routes on {name}: {result.Routes} applied" + (result.Changed ? "" : " (unchanged)"));
            }
            catch (Exception ex) when (ex is AgentException or OperationFailedException)
            {
                report(name, $"routes on {name} not updated ({ex.Message}); run `monitor sync` again when it answers");
            }
        }
    }

    /// <summary>The route document of one server: every stack that targets it and has a route.</summary>
    public static IReadOnlyList<RouteSpec> Document(IEnumerable<StackConfig> stacks, string server) =>
        stacks.Where(s => s.Route is not null && (s.Deploy?.Targets.Contains(server) ?? false))
            .Select(s => RouteSpecFactory.For(s, server)!)
            .ToList();

    /// <summary>The servers whose route document a sync changes: targets (before and after) of every stack with a route
    /// that was added, changed or removed.</summary>
    public static IReadOnlyList<string> Affected(IEnumerable<StackConfig> before, IEnumerable<StackConfig> after, IEnumerable<string> changedStacks)
    {
        var changed = changedStacks.ToHashSet(StringComparer.Ordinal);
        return before.Concat(after)
            .Where(s => changed.Contains(s.Name) && s.Route is not null)
            .SelectMany(s => s.Deploy?.Targets ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
