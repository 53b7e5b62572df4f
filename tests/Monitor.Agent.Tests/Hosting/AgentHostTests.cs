using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Hosting;

public sealed class AgentHostTests
{
    [Fact]
    public async Task The_agent_restarts_on_the_same_port_and_accepts_consoles_again()
    {
        await using var agent = await TestAgent.StartAsync();
        var url = agent.Url;
        await using (var before = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey))
        {
            await before.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest());
            await agent.RestartAsync();
            await before.WaitClosedAsync(); // throws if the old connection stays open
            Assert.True(before.Closed.IsCompleted);
        }
        Assert.Equal(url, agent.Url);
        await using var after = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var info = await after.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest());
        Assert.True(info.DockerReachable);
    }

    [Fact]
    public async Task Plain_http_gets_400_and_other_paths_404()
    {
        await using var agent = await TestAgent.StartAsync(configure: c => c.Tls = false);
        using var http = new HttpClient();
        var baseUri = new Uri($"http://{agent.Url.Authority}");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await http.GetAsync(baseUri)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri(baseUri, "/other"))).StatusCode);
    }
}
