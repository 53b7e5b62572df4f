using System.Net.WebSockets;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests;

public sealed class FrameHandlingTests
{
    [Fact]
    public async Task Malformed_and_unknown_frames_get_errors_and_the_connection_keeps_working()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);

        await client.SendTextAsync("this is not json");
        Assert.Equal(ErrorCodes.MalformedFrame, (await client.ReceiveAsync())!.Error!.Code);

        await client.SendTextAsync("{\"id\":\"1\"}");
        Assert.Equal(ErrorCodes.MalformedFrame, (await client.ReceiveAsync())!.Error!.Code);

        await client.SendTextAsync("{\"type\":\"teleport\",\"id\":\"2\"}");
        Assert.Equal(ErrorCodes.MalformedFrame, (await client.ReceiveAsync())!.Error!.Code);

        var unknown = await client.RequestAsync("no.such.method", new AgentInfoRequest());
        Assert.Equal(ErrorCodes.UnknownMethod, unknown.Error!.Code);

        await client.SendTextAsync("{\"type\":\"request\",\"id\":\"bad\",\"method\":\"container.stop\",\"payload\":{\"container\":42}}");
        Assert.Equal(ErrorCodes.InvalidArgument, (await client.ReceiveForAsync("bad")).Error!.Code);

        var info = await client.CallAsync<AgentInfoRequest, AgentInfo>(Methods.AgentInfo, new AgentInfoRequest());
        Assert.False(string.IsNullOrEmpty(info.Hostname));
    }

    [Fact]
    public async Task An_oversized_frame_closes_the_socket_with_1009()
    {
        await using var agent = await TestAgent.StartAsync(c => c.MaxFrameBytes = 64 * 1024);
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        await client.SendTextAsync("{\"type\":\"request\",\"id\":\"big\",\"method\":\"agent.info\",\"payload\":{\"x\":\"" + new string('a', 200_000) + "\"}}");
        Assert.Null(await client.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.Socket.CloseStatus);
    }

    [Fact]
    public async Task A_slow_request_does_not_delay_others_and_can_be_cancelled()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        await client.SendAsync(FrameCodec.Request("slow", Methods.CommandRun, new CommandRunRequest("sleep", ["30"])));

        var info = await client.RequestAsync(Methods.HostMetrics, new HostMetricsRequest(), "fast");
        Assert.Equal(FrameTypes.Response, info.Type);

        await client.SendAsync(FrameCodec.Cancel("slow"));
        Envelope end;
        do { end = await client.ReceiveForAsync("slow"); } while (end.Type != FrameTypes.StreamEnd);
        Assert.Equal(ErrorCodes.Cancelled, end.Error!.Code);
    }

    [Fact]
    public async Task A_request_past_its_rate_limit_is_refused_with_rate_limited()
    {
        await using var agent = await TestAgent.StartAsync(c => c.MaxRequestsPerSecond = 1);
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        // Ten frames back to back: a bucket of one token a second lets at most a few through, however slow the machine.
        for (var i = 0; i < 10; i++) await client.SendAsync(FrameCodec.Request($"q{i}", Methods.AgentInfo, new AgentInfoRequest()));
        var codes = new List<string>();
        while (codes.Count < 10)
        {
            var frame = await client.ReceiveAsync() ?? throw new InvalidOperationException("agent closed the connection");
            if (frame.Id?.StartsWith('q') == true) codes.Add(frame.Error?.Code ?? "ok");
        }
        Assert.Contains("ok", codes);
        Assert.True(codes.Count(c => c == ErrorCodes.RateLimited) >= 5, string.Join(",", codes));
    }
}
