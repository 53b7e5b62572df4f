using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests;

public sealed class CommandAndHostTests
{
    [Fact]
    public async Task A_command_streams_stdout_and_stderr_and_reports_its_exit_code()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var (batches, end) = await client.CollectStreamAsync<CommandRunRequest, OutputBatch>(Methods.CommandRun,
            new CommandRunRequest("sh", ["-c", "echo hello; echo oops >&2; exit 3"]));
        var chunks = batches.SelectMany(b => b.Chunks).ToList();
        Assert.Equal("hello\n", string.Concat(chunks.Where(c => c.Stream == "stdout").Select(c => c.Text)));
        Assert.Equal("oops\n", string.Concat(chunks.Where(c => c.Stream == "stderr").Select(c => c.Text)));
        var result = ProtocolJson.FromElement<CommandResult>(end.Payload)!;
        Assert.Equal(3, result.ExitCode);
        Assert.False(result.TimedOut);
    }

    [Fact]
    public async Task Arguments_are_passed_as_a_list_not_through_a_shell()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var (batches, _) = await client.CollectStreamAsync<CommandRunRequest, OutputBatch>(Methods.CommandRun,
            new CommandRunRequest("echo", ["$(id)", ";", "rm", "-rf", "/"]));
        Assert.Equal("$(id) ; rm -rf /\n", string.Concat(batches.SelectMany(b => b.Chunks).Select(c => c.Text)));
    }

    [Fact]
    public async Task A_command_past_its_timeout_is_killed_and_says_so()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var (_, end) = await client.CollectStreamAsync<CommandRunRequest, OutputBatch>(Methods.CommandRun,
            new CommandRunRequest("sleep", ["30"], TimeoutSeconds: 1));
        var result = ProtocolJson.FromElement<CommandResult>(end.Payload)!;
        Assert.True(result.TimedOut);
        Assert.True(result.DurationSeconds < 20);
    }

    [Fact]
    public async Task Host_metrics_are_sane()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var m = await client.CallAsync<HostMetricsRequest, HostMetrics>(Methods.HostMetrics, new HostMetricsRequest());
        Assert.True(m.MemoryTotalBytes > 0);
        Assert.InRange(m.MemoryUsedBytes, 1, m.MemoryTotalBytes);
        Assert.InRange(m.CpuPercent, 0, 100);
        Assert.Contains(m.Disks, d => d.Mount == "/" && d.TotalBytes > 0);
        Assert.Contains(m.Networks, n => n.Interface == "lo");
        Assert.True(m.ProcessCount > 1);
        Assert.True(m.UptimeSeconds > 0);
    }
}
