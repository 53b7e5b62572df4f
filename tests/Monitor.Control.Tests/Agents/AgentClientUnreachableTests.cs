using Monitor.Control.Agents;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Agents;

public class AgentClientUnreachableTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Closed_port_ends_unreachable_with_a_clear_message_and_few_attempts()
    {
        using var key = ConsoleKeyPair.Generate();
        var url = new Uri($"ws://127.0.0.1:{FreePort.Next()}");
        var options = new AgentClientOptions { ConnectWait = TimeSpan.FromSeconds(1) };
        await using var client = new AgentClient("dead", url, key, "tester", options);
        var states = new List<AgentConnectionState>();
        client.StateChanged += (_, s) => { lock (states) states.Add(s); };

        var ex = await Assert.ThrowsAsync<AgentException>(() =>
            client.RequestAsync<AgentInfoRequest, AgentInfo>(Methods.AgentInfo, new AgentInfoRequest()));
        Assert.Equal(ErrorCodes.Unreachable, ex.Code);
        Assert.Contains($"cannot reach {url.OriginalString}: connection refused; is monitor-agent running", ex.Message);

        // Let the reconnect loop run for a few seconds: with 0.5 s doubling backoff (jittered within the upper half)
        // at most ~4 attempts fit in 4 s; a storm would make hundreds.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(AgentConnectionState.Unreachable, client.State);
        Assert.Contains("connection refused", client.LastError);
        output.WriteLine($"connect attempts to a closed port in ~5 s: {client.ConnectAttempts}");
        Assert.InRange(client.ConnectAttempts, 2, 6);
        lock (states) Assert.Contains(AgentConnectionState.Unreachable, states);
    }

    [Fact]
    public async Task Requests_fail_fast_while_unreachable()
    {
        using var key = ConsoleKeyPair.Generate();
        var options = new AgentClientOptions { ConnectWait = TimeSpan.FromMilliseconds(300) };
        await using var client = new AgentClient("dead", new Uri($"ws://127.0.0.1:{FreePort.Next()}"), key, null, options);
        var ex = await Assert.ThrowsAsync<AgentException>(() =>
            client.OpenStreamAsync<LogStreamRequest, LogBatch, LogStreamEnd>(Methods.ContainerLogs, new LogStreamRequest("x")));
        Assert.Equal(ErrorCodes.Unreachable, ex.Code);
        Assert.Contains("ws://127.0.0.1:", ex.Message);
    }
}
