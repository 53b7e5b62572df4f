using Monitor.Shared.Models;

namespace Monitor.Control.Agents;

/// <summary>Hands out one shared client per server (connections are reused by every service).</summary>
public interface IAgentClientFactory : IAsyncDisposable
{
    IAgentClient Get(ServerInfo server);
}
