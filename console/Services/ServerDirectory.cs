using Monitor.Control.Agents;
using Monitor.Control.Store;
using Monitor.Shared.Models;

namespace Monitor.Control.Services;

/// <summary>Looks a server up by name and hands out its shared agent client; unknown names fail with advice.</summary>
public sealed class ServerDirectory(IStateStore store, IAgentClientFactory agents)
{
    public async Task<ServerInfo> GetAsync(string name, CancellationToken ct)
    {
        var server = await store.GetServerAsync(name, ct).ConfigureAwait(false);
        return server ?? throw new OperationFailedException(
            $"server '{name}' is not known; list servers with `monitor server list` or add it with `monitor server add {name} --url ws://HOST:8120`",
            "not_found");
    }

    public async Task<IAgentClient> ClientAsync(string name, CancellationToken ct) =>
        agents.Get(await GetAsync(name, ct).ConfigureAwait(false));
}
