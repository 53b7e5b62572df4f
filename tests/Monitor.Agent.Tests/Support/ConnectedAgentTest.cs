using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Support;

/// <summary>Base of tests that talk to a real agent over an authenticated WebSocket and make real containers
/// (removed at the end).</summary>
public abstract class ConnectedAgentTest : IAsyncLifetime
{
    protected TestAgent Agent { get; private set; } = null!;
    protected RawAgentClient Client { get; private set; } = null!;
    protected DockerContainers TestContainers { get; } = new();

    public async Task InitializeAsync()
    {
        Agent = await TestAgent.StartAsync();
        Client = await RawAgentClient.ConnectAuthenticatedAsync(Agent.Url, Agent.ConsoleKey);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Agent.DisposeAsync();
        await TestContainers.DisposeAsync();
    }
}
