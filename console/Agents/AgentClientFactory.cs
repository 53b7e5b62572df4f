using System.Collections.Concurrent;
using Monitor.Shared.Models;
using Monitor.Shared.Security;

namespace Monitor.Control.Agents;

/// <summary>One shared <see cref="AgentClient"/> per server; a changed URL gets a new client.</summary>
public sealed class AgentClientFactory(ConsoleKeyPair key, string user, AgentClientOptions? options = null) : IAgentClientFactory
{
    private readonly ConcurrentDictionary<string, AgentClient> _clients = new(StringComparer.Ordinal);

    public IAgentClient Get(ServerInfo server)
    {
        while (true)
        {
            var client = _clients.GetOrAdd(server.Name, _ => new AgentClient(server, key, user, options));
            if (client.Url == server.Url) return client;
            if (_clients.TryRemove(new KeyValuePair<string, AgentClient>(server.Name, client)))
                _ = client.DisposeAsync().AsTask();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values) await client.DisposeAsync().ConfigureAwait(false);
        _clients.Clear();
        key.Dispose();
    }
}
