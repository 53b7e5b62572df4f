using System.Net;
using Monitor.Hostile.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Hostile.Tests;

/// <summary>Fault 1: strangers must not lock consoles out. The real agent process under 500 WebSockets that never
/// authenticate plus 200 slow-header connections from one address: an authorized console on another address connects
/// and gets answers every time, refusals carry no stack trace, and the log gets summary lines, not one per stranger.</summary>
public sealed class ConnectionFloodTests
{
    [Fact]
    public async Task An_authorized_console_gets_answers_during_a_flood_of_unauthenticated_and_slow_header_connections()
    {
        // Its own process (published agent): the test reads what the agent logs. Plain ws://: the flood speaks raw HTTP.
        await using var agent = await TestAgent.StartOutOfProcessAsync(c => c.Tls = false);
        var console = new LegitimateConsole(agent.Url, agent.ConsoleKey);
        await console.CallAsync(); // warm: the first call pays JIT on both sides

        await using (var flood = new ConnectionFlood(IPAddress.Parse("127.0.0.2"), agent.Url.Port, unauthenticatedSockets: 500, slowHeaderSockets: 200))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (flood.Opened < 700 && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.True(flood.Opened >= 700, $"the flood opened only {flood.Opened} connections");
            // Keep calling until the agent has logged a refusal summary (its interval is 10 s), at least 20 calls.
            while ((console.Calls < 20 || !agent.Process!.Lines.Any(l => l.Contains("refused", StringComparison.Ordinal))) && DateTime.UtcNow < deadline)
                await console.CallAsync();
            Assert.True(flood.Dropped > 0, "the agent never refused or dropped a stranger");
        }

        Assert.Empty(console.Failures);
        Assert.True(console.Succeeded >= 20);
        var lines = agent.Process!.Lines;
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Exception", StringComparison.Ordinal));
        var summaries = lines.Count(l => l.Contains("unauthenticated connection", StringComparison.Ordinal));
        Assert.InRange(summaries, 1, 8);
        var strangerLines = lines.Count(l => !l.Contains("console ", StringComparison.Ordinal));
        Assert.True(strangerLines < 20, $"the agent wrote {strangerLines} log lines about strangers during the flood");
    }
}
