using Monitor.Control.Agents;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Agents;

public class AgentClientAuthTests
{
    [Fact]
    public async Task A_key_the_agent_does_not_list_ends_AuthFailed_with_a_clear_message()
    {
        await using var agent = await TestAgent.StartAsync();
        using var stranger = ConsoleKeyPair.Generate();
        await using var client = new AgentClient("local", agent.Url, stranger, "tester");
        var ex = await Assert.ThrowsAsync<AgentException>(() => client.EnsureConnectedAsync());
        Assert.Equal(ErrorCodes.AuthFailed, ex.Code);
        Assert.Equal(AgentConnectionState.AuthFailed, client.State);
        Assert.Contains("refused this console", client.LastError);
        Assert.Contains("authorized_keys", client.LastError);
        var attempts = client.ConnectAttempts;
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(attempts, client.ConnectAttempts);
    }

    [Fact]
    public async Task The_listed_key_gets_online_and_answers_requests()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var client = new AgentClient("local", agent.Url, agent.ConsoleKey, "tester");
        var info = await client.RequestAsync<AgentInfoRequest, AgentInfo>(Methods.AgentInfo, new AgentInfoRequest());
        Assert.Equal(AgentConnectionState.Online, client.State);
        Assert.True(info.DockerReachable);
    }
}
