using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Connections;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task A_slow_request_does_not_delay_agent_info_or_host_metrics()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var slow = await client.SendRequestAsync(AgentMethods.CommandRun, new CommandRunRequest("sleep", ["5"]));
        Assert.Equal(FrameTypes.Response, (await client.AnswerAsync(slow)).Type);

        var info = await client.AnswerAsync(await client.SendRequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest()));
        var metrics = await client.AnswerAsync(await client.SendRequestAsync(AgentMethods.HostMetrics, new HostMetricsRequest()));
        Assert.Equal(FrameTypes.Response, info.Type);
        Assert.Equal(FrameTypes.Response, metrics.Type);
        // Both answers came while the sleep was still running: its stream.end has not arrived yet.
        Assert.DoesNotContain(client.Pending(), e => e.Id == slow && e.Type == FrameTypes.StreamEnd);

        var done = await client.CollectStreamAsync<OutputBatch, CommandResult>(slow);
        Assert.True(done.Succeeded);
        Assert.Equal(0, done.End!.ExitCode);
    }
}
