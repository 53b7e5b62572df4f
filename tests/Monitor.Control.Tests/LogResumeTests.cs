using Monitor.Control.Composition;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Control.Tests;

public sealed class LogResumeTests
{
    [Fact]
    public async Task A_followed_log_loses_and_repeats_no_line_across_an_agent_restart()
    {
        await using var docker = new DockerFixture();
        var name = await docker.RunAsync("sh", "-c", "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); echo $i; sleep 0.01; done");
        await using var console = await ConsoleHarness.StartAsync();
        await using var services = await MonitorServicesFactory.OpenAsync(console.ConfigPath);

        var numbers = new List<int>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var restarted = false;
        await foreach (var batch in services.Logs.StreamAsync("local", new LogStreamRequest(name, Follow: true), cts.Token))
        {
            numbers.AddRange(batch.Select(l => int.Parse(l.Text)));
            if (!restarted && numbers.Count >= 100)
            {
                restarted = true;
                await console.Agent.StopAsync();
                await Task.Delay(1500); // the container keeps logging while the agent is down
                await console.Agent.StartAgainAsync();
            }
            if (numbers.Count >= 400) break;
        }
        Assert.True(restarted);
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
    }
}
