using System.Collections.Concurrent;
using Monitor.Shared.Models;
using Monitor.Shared.Security;

namespace Monitor.Control.Agents;

/// <summary>One shared <see cref="AgentClient"/> per server name; a changed url replaces the client.
/// The factory owns <paramref name="key"/> and disposes it with the clients.</summary>
public sealed class AgentClientFactory(ConsoleKeyPair key, string? user = null, AgentClientOptions? options = null) : IAgentClientFactory
{
    private readonly ConcurrentDictionary<string, AgentClient> _clients = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public IAgentClient Get(ServerInfo server)
    {
        var url = new Uri(server.Url);
        lock (_gate)
        {
            if (_clients.TryGetValue(server.Name, out var existing))
            {
                if (existing.Url == url) return existing;
                _ = existing.DisposeAsync().AsTask();
            }
            var client = new AgentClient(server.Name, url, key, user, options);
            _clients[server.Name] = client;
            return client;
        }
    }

    /// <summary>Closes and forgets the client of a removed server.</summary>
    public async Task ForgetAsync(string serverName)
    {
        AgentClient? client;
        lock (_gate) _clients.TryRemove(serverName, out client);
        if (client is not null) await client.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        AgentClient[] clients;
        lock (_gate)
        {
            clients = [.. _clients.Values];
            _clients.Clear();
        }
        foreach (var client in clients) await client.DisposeAsync().ConfigureAwait(false);
        key.Dispose();
    }
}
