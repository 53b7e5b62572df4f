using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Control.Store;

namespace Monitor.Control.Stacks;

/// <summary>Finds the agent client of a server named in a stack.</summary>
public sealed class StackTargets(IStateStore store, IAgentClientFactory agents)
{
    public async Task<IAgentClient> GetAsync(string server, CancellationToken ct)
    {
        var info = await store.GetServerAsync(server, ct).ConfigureAwait(false)
            ?? throw new OperationFailedException($"server '{server}' is not known; add it with `monitor server add` or declare it in monitor.toml and run `monitor sync`", "not_found");
        return agents.Get(info);
    }
}
