using System.Collections.Concurrent;
using Monitor.Shared.Models;
using Monitor.Shared.Security;

namespace Monitor.Control.Agents;

/// <summary>One shared <see cref="AgentClient"/> per server; a changed URL or a newly trusted TLS pin gets a new client.
/// <paramref name="onTlsPinned"/> hears of certificates pinned on first use (to store them).</summary>
public sealed class AgentClientFactory(ConsoleKeyPair key, string user, AgentClientOptions? options = null,
    Func<ServerInfo, string, Task>? onTlsPinned = null) : IAgentClientFactory
{
    private readonly ConcurrentDictionary<Task, byte> _pinning = new();
    private readonly ConcurrentDictionary<string, AgentClient> _clients = new(StringComparer.Ordinal);

    public IAgentClient Get(ServerInfo server)
    {
        while (true)
        {
            var client = _clients.GetOrAdd(server.Name, _ => Create(server));
            if (client.Url == server.Url && (server.TlsFingerprint is null || server.TlsFingerprint == client.TlsFingerprint)) return client;
            if (_clients.TryRemove(new KeyValuePair<string, AgentClient>(server.Name, client)))
                _ = client.DisposeAsync().AsTask();
        }
    }

    private AgentClient Create(ServerInfo server)
    {
        var client = new AgentClient(server, key, user, options);
        if (onTlsPinned is not null)
            client.TlsPinned += (_, fingerprint) =>
            {
                var task = Task.Run(async () =>
                {
                    try { await onTlsPinned(server, fingerprint).ConfigureAwait(false); }
                    catch (Exception) { } // the pin still holds in this client; the next console pins again
                });
                _pinning.TryAdd(task, 0);
                task.ContinueWith(t => _pinning.TryRemove(t, out byte _), TaskScheduler.Default);
            };
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        // All at once: each close waits for the agent's answer, and a console may hold a thousand of them.
        await Task.WhenAll(_clients.Values.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(_pinning.Keys), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false); // pins on their way to the store
        _clients.Clear();
        key.Dispose();
    }
}
