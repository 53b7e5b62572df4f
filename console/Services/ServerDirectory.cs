using Monitor.Control.Agents;
using Monitor.Control.Store;
using Monitor.Shared.Models;

namespace Monitor.Control.Services;

/// <summary>Finds a server by name and hands out its agent client; the one place "unknown server" is said.</summary>
public sealed class ServerDirectory(IStateStore store, IAgentClientFactory agents)
{
    public async Task<ServerInfo> GetAsync(string name, CancellationToken ct)
    {
        var server = await store.GetServerAsync(name, ct).ConfigureAwait(false);
        if (server is not null) return server;
        var known = (await store.ListServersAsync(ct).ConfigureAwait(false)).Select(s => s.Name).ToList();
        throw new OperationFailedException(
            $"unknown server '{name}'" + (known.Count > 0 ? $"; known: {string.Join(", ", known)}" : "; add one with `monitor server add NAME --url wss://HOST:8120`"),
            "not_found");
    }

    public async Task<IAgentClient> ClientAsync(string name, CancellationToken ct) =>
        agents.Get(await GetAsync(name, ct).ConfigureAwait(false));

    /// <summary>The client, connected when the agent answers, so recorded durations measure the action, not the
    /// handshake. When it does not answer the client is returned anyway: the recorded call then fails at once and
    /// the failure lands in the history.</summary>
    public async Task<IAgentClient> ConnectedClientAsync(string name, CancellationToken ct)
    {
        var client = await ClientAsync(name, ct).ConfigureAwait(false);
        try { await client.EnsureConnectedAsync(ct).ConfigureAwait(false); }
        catch (AgentException) { }
        return client;
    }
}
