using Monitor.Control.Agents;
using Monitor.Control.Store;
using Monitor.Shared.Models;

namespace Monitor.Control.Services;

/// <summary>The one server directory: looks servers up by name (the one place "unknown server" is said), hands out
/// their agent clients, and upserts them (`server add`, `sync`). Nothing else reads or writes servers.</summary>
public sealed class ServerDirectory(IStateStore store, IAgentClientFactory agents)
{
    public Task<IReadOnlyList<ServerInfo>> ListAsync(CancellationToken ct) => store.ListServersAsync(ct);

    public Task<ServerInfo?> FindAsync(string name, CancellationToken ct) => store.GetServerAsync(name, ct);

    public async Task<ServerInfo> GetAsync(string name, CancellationToken ct)
    {
        var server = await store.GetServerAsync(name, ct).ConfigureAwait(false);
        if (server is not null) return server;
        var known = (await store.ListServersAsync(ct).ConfigureAwait(false)).Select(s => s.Name).ToList();
        throw new OperationFailedException(
            $"unknown server '{name}'" + (known.Count > 0 ? $"; known: {string.Join(", ", known)}" : "; add one with `monitor server add NAME --url wss://HOST:8120`") +
            " (servers declared in monitor.toml are applied with `monitor sync`)",
            "not_found");
    }

    /// <summary>Adds or replaces a server. A server already stored keeps its Added time (and its tags when none are
    /// given); with <paramref name="keepTlsPin"/> its pinned TLS fingerprint too while its URL is unchanged (sync),
    /// otherwise the pin is dropped and taken again on first use (`server add`). Returns what was stored.</summary>
    public async Task<ServerInfo> UpsertAsync(string name, string url, string? description, IReadOnlyList<string>? tags, bool keepTlsPin, CancellationToken ct)
    {
        var current = await store.GetServerAsync(name, ct).ConfigureAwait(false);
        var server = new ServerInfo
        {
            Name = name, Url = url, Description = description, Tags = tags ?? current?.Tags ?? [],
            TlsFingerprint = keepTlsPin && current?.Url == url ? current.TlsFingerprint : null,
            Added = current?.Added ?? DateTimeOffset.UtcNow,
        };
        await store.UpsertServerAsync(server, ct).ConfigureAwait(false);
        return server;
    }

    /// <summary>Stores the agent's pinned TLS certificate fingerprint (`server add`, `server trust`, first use).</summary>
    public async Task<ServerInfo> PinTlsAsync(ServerInfo server, string fingerprint, CancellationToken ct)
    {
        var pinned = server with { TlsFingerprint = fingerprint };
        await store.UpsertServerAsync(pinned, ct).ConfigureAwait(false);
        return pinned;
    }

    public Task<bool> RemoveAsync(string name, CancellationToken ct) => store.RemoveServerAsync(name, ct);

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
