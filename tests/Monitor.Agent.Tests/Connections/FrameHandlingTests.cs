using System.Net.WebSockets;
using System.Text;
using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Connections;

public sealed class FrameHandlingTests : IAsyncLifetime
{
    private TestAgent _agent = null!;
    private RawAgentClient _client = null!;

    public async Task InitializeAsync()
    {
        _agent = await TestAgent.StartAsync(c => { c.MaxFrameBytes = 64 * 1024; c.MaxOpenStreams = 2; });
        _client = await RawAgentClient.ConnectAuthenticatedAsync(_agent.Url, _agent.ConsoleKey);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _agent.DisposeAsync();
    }

    private async Task StillWorksAsync()
    {
        var info = await _client.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest());
        Assert.True(info.CpuCount > 0);
    }

    [Fact]
    public async Task Malformed_json_gets_malformed_frame_and_the_connection_stays_usable()
    {
        await _client.SendTextAsync("{ this is not json");
        var error = await _client.WaitForAsync(e => e.Type == FrameTypes.Error);
        Assert.Equal(ErrorCodes.MalformedFrame, error.Error!.Code);
        await StillWorksAsync();
    }

    [Fact]
    public async Task Unknown_frame_type_gets_malformed_frame_and_the_connection_stays_usable()
    {
        await _client.SendTextAsync("{\"type\":\"teleport\",\"id\":\"x1\"}");
        var error = await _client.WaitForAsync(e => e.Id == "x1");
        Assert.Equal(ErrorCodes.MalformedFrame, error.Error!.Code);
        await StillWorksAsync();
    }

    [Fact]
    public async Task Unknown_method_gets_unknown_method_and_the_connection_stays_usable()
    {
        var answer = await _client.AnswerAsync(await _client.SendRequestAsync("container.teleport", new ContainerRef("x")));
        Assert.Equal(FrameTypes.Error, answer.Type);
        Assert.Equal(ErrorCodes.UnknownMethod, answer.Error!.Code);
        await StillWorksAsync();
    }

    [Fact]
    public async Task A_payload_of_the_wrong_shape_gets_invalid_argument()
    {
        await _client.SendTextAsync("{\"type\":\"request\",\"id\":\"bad\",\"method\":\"container.list\",\"payload\":{\"all\":\"yes please\"}}");
        var answer = await _client.AnswerAsync("bad");
        Assert.Equal(ErrorCodes.InvalidArgument, answer.Error!.Code);
        await StillWorksAsync();
    }

    [Fact]
    public async Task Protocol_ping_gets_pong()
    {
        await _client.SendAsync(new Envelope { Type = FrameTypes.Ping, Id = "p1" });
        var pong = await _client.WaitForAsync(e => e.Id == "p1");
        Assert.Equal(FrameTypes.Pong, pong.Type);
    }

    [Fact]
    public async Task An_oversized_frame_closes_the_connection_with_1009()
    {
        var big = "{\"type\":\"request\",\"id\":\"big\",\"method\":\"agent.info\",\"payload\":{\"pad\":\"" + new string('a', 100 * 1024) + "\"}}";
        await _client.SendBytesAsync(Encoding.UTF8.GetBytes(big));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await _client.WaitClosedAsync());
    }

    [Fact]
    public async Task Streams_beyond_the_limit_get_too_many_streams()
    {
        var first = await _client.SendRequestAsync(AgentMethods.CommandRun, new CommandRunRequest("sleep", ["30"]));
        var second = await _client.SendRequestAsync(AgentMethods.CommandRun, new CommandRunRequest("sleep", ["30"]));
        Assert.Equal(FrameTypes.Response, (await _client.AnswerAsync(first)).Type);
        Assert.Equal(FrameTypes.Response, (await _client.AnswerAsync(second)).Type);
        var third = await _client.AnswerAsync(await _client.SendRequestAsync(AgentMethods.CommandRun, new CommandRunRequest("sleep", ["30"])));
        Assert.Equal(ErrorCodes.TooManyStreams, third.Error!.Code);
        await _client.SendAsync(FrameCodec.Cancel(first));
        await _client.SendAsync(FrameCodec.Cancel(second));
        Assert.Equal(ErrorCodes.Cancelled, (await _client.CollectStreamAsync<OutputBatch, CommandResult>(first)).Error!.Code);
        Assert.Equal(ErrorCodes.Cancelled, (await _client.CollectStreamAsync<OutputBatch, CommandResult>(second)).Error!.Code);
    }

    [Fact]
    public async Task Requests_beyond_the_rate_limit_get_rate_limited()
    {
        await using var agent = await TestAgent.StartAsync(c => c.MaxRequestsPerSecond = 5);
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var ids = new List<string>();
        for (var i = 0; i < 40; i++) ids.Add(await client.SendRequestAsync(AgentMethods.HostMetrics, new HostMetricsRequest()));
        var answers = new List<Envelope>();
        foreach (var id in ids) answers.Add(await client.AnswerAsync(id));
        Assert.Contains(answers, a => a.Error?.Code == ErrorCodes.RateLimited);
        Assert.Contains(answers, a => a.Type == FrameTypes.Response);
    }
}
