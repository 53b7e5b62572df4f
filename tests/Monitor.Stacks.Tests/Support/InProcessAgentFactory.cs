using Monitor.Control.Agents;
using Monitor.Shared.Models;

namespace Monitor.Stacks.Tests.Support;

public sealed class InProcessAgentFactory(IReadOnlyDictionary<string, InProcessAgent> agents) : IAgentClientFactory
{
    public IAgentClient Get(ServerInfo server) => agents[server.Name];
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
