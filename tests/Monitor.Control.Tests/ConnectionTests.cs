using Monitor.Control.Agents;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;
using Monitor.TestSupport;

namespace Monitor.Control.Tests;

public sealed class ConnectionTests
{
    [Fact]
    public async Task An_agent_that_does_not_list_the_key_ends_auth_failed_with_a_fix()
    {
        await using var agent = await TestAgent.StartAsync();
        using var stranger = ConsoleKeyPair.Generate();
        await using var client = new AgentClient(new ServerInfo { Name = "a", Url = agent.Url.ToString() }, stranger, "tester");
        var error = await Assert.ThrowsAsync<AgentException>(() => client.EnsureConnectedAsync());
        Assert.Equal(ErrorCodes.AuthFailed, error.Code);
        Assert.Equal(AgentConnectionState.AuthFailed, client.State);
        Assert.Contains("authorized_keys", error.Message);
    }

    [Fact]
    public async Task A_dead_agent_is_unreachable_and_retries_stay_bounded()
    {
        var port = FreePort.Next();
        using var key = ConsoleKeyPair.Generate();
        await using var client = new AgentClient(new ServerInfo { Name = "dead", Url = $"ws://127.0.0.1:{port}" }, key, "tester",
            new AgentClientOptions { Backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)) });
        var until = DateTime.UtcNow.AddSeconds(3);
        var failures = 0;
        while (DateTime.UtcNow < until)
        {
            var e = await Assert.ThrowsAsync<AgentException>(() => client.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest()));
            Assert.Equal(ErrorCodes.Unreachable, e.Code);
            failures++;
            await Task.Delay(10);
        }
        Assert.Equal(AgentConnectionState.Unreachable, client.State);
        Assert.Contains("is monitor-agent running", client.LastError);
        // Hundreds of requests in 3 s, but connection attempts follow the backoff: 0.2, 0.4, 0.8, 1.6 s ...
        Assert.True(failures > 50);
        Assert.InRange(client.ConnectionAttempts, 1, 8);
    }

    [Fact]
    public void Backoff_grows_is_capped_and_jittered()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), new Random(7));
        var delays = Enumerable.Range(0, 20).Select(backoff.DelayFor).ToList();
        Assert.InRange(delays[0].TotalMilliseconds, 250, 500);
        Assert.InRange(delays[3].TotalMilliseconds, 2000, 4000);
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromSeconds(30)));
        Assert.All(delays.Skip(8), d => Assert.True(d >= TimeSpan.FromSeconds(15)));
        Assert.True(delays.Skip(8).Distinct().Count() > 5, "jitter spreads retries");
    }
}
