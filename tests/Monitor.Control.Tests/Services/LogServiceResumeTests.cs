using Monitor.Control.Composition;
using Monitor.Control.Config;
using Monitor.Control.Tests.Support;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Tests.Services;

public sealed class LogServiceResumeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Followed_log_survives_an_agent_restart_with_nothing_lost_or_repeated()
    {
        await using var fx = await AgentFixture.StartAsync();
        await using var containers = new TestContainers();
        await using var services = await MonitorServicesFactory.OpenAsync(MonitorConfigLoader.Load(fx.ConfigPath), fx.ConfigPath);
        const int total = 400;
        var name = await containers.CreateAsync("seq", $"i=1; while [ $i -le {total} ]; do echo $i; i=$((i+1)); sleep 0.01; done");

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var numbers = new List<int>();
        Task? restart = null;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan restartedAt = default, gap = default;
        var last = TimeSpan.Zero;
        await foreach (var batch in services.Logs.StreamAsync(AgentFixture.ServerName, new LogStreamRequest(name, Follow: true), cts.Token))
        {
            numbers.AddRange(batch.Select(l => int.Parse(l.Text.Trim())));
            if (restart is not null && gap == default) gap = watch.Elapsed - restartedAt;
            if (restart is null && numbers.Count >= 80) { restartedAt = watch.Elapsed; restart = fx.Agent.RestartAsync(); }
            last = watch.Elapsed;
            if (numbers.Count >= total) break;
        }
        Assert.NotNull(restart);
        await restart!;
        Assert.Equal(Enumerable.Range(1, total), numbers);
        var client = (Monitor.Control.Agents.AgentClient)services.Agents.Get((await services.Servers.ListAsync()).Single());
        Assert.True(client.ConnectAttempts >= 2, "the agent restart should have forced a reconnect");
        output.WriteLine($"{numbers.Count} lines in {last.TotalSeconds:0.0} s; first lines after the restart {gap.TotalMilliseconds:0} ms after it began; {client.ConnectAttempts} connects");
    }
}
