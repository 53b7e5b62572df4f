using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests;

public sealed class LogStreamTests
{
    private static async Task<List<LogLine>> ReadAllAsync(RawAgentClient client, LogStreamRequest request)
    {
        var (batches, end) = await client.CollectStreamAsync<LogStreamRequest, LogBatch>(Methods.ContainerLogs, request);
        Assert.Null(end.Error);
        return batches.SelectMany(b => b.Lines).ToList();
    }

    [Fact]
    public async Task Stdout_and_stderr_arrive_apart_in_order_and_tail_limits()
    {
        await using var docker = new DockerTestContainers();
        var name = DockerTestContainers.UniqueName("logs");
        var id = await docker.RunAsync(name, "sh", "-c", "for i in $(seq 1 300); do echo out $i; echo err $i >&2; done");
        await docker.WaitExitedAsync(id);
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);

        var lines = await ReadAllAsync(client, new LogStreamRequest(name));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => $"out {i}"), lines.Where(l => l.Stream == "stdout").Select(l => l.Text));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => $"err {i}"), lines.Where(l => l.Stream == "stderr").Select(l => l.Text));

        var tail = await ReadAllAsync(client, new LogStreamRequest(name, Tail: 10));
        Assert.Equal(10, tail.Count);
    }

    [Fact]
    public async Task Resuming_since_a_timestamp_repeats_nothing_and_loses_nothing()
    {
        await using var docker = new DockerTestContainers();
        var name = DockerTestContainers.UniqueName("resume");
        var id = await docker.RunAsync(name, "sh", "-c", "for i in $(seq 1 500); do echo $i; done");
        await docker.WaitExitedAsync(id);
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);

        var all = await ReadAllAsync(client, new LogStreamRequest(name));
        var cut = all[199];
        var rest = await ReadAllAsync(client, new LogStreamRequest(name, Since: cut.Timestamp));
        var joined = all.Take(200).Concat(rest).Select(l => int.Parse(l.Text)).ToList();
        Assert.Equal(Enumerable.Range(1, 500), joined);
    }

    [Fact]
    public async Task Lines_longer_than_16KB_are_rejoined()
    {
        await using var docker = new DockerTestContainers();
        var name = DockerTestContainers.UniqueName("long");
        var id = await docker.RunAsync(name, "sh", "-c", "printf 'x%.0s' $(seq 1 40000); echo; echo after");
        await docker.WaitExitedAsync(id);
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var lines = await ReadAllAsync(client, new LogStreamRequest(name));
        Assert.Equal(2, lines.Count);
        Assert.Equal(new string('x', 40000), lines[0].Text);
        Assert.Equal("after", lines[1].Text);
    }

    [Fact]
    public async Task Follow_delivers_new_lines_in_batches_until_cancelled()
    {
        await using var docker = new DockerTestContainers();
        var name = DockerTestContainers.UniqueName("follow");
        await docker.RunAsync(name, "sh", "-c", "i=0; while true; do i=$((i+1)); echo $i; sleep 0.02; done");
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var (batches, end) = await client.CollectStreamAsync<LogStreamRequest, LogBatch>(Methods.ContainerLogs,
            new LogStreamRequest(name, Follow: true), items => items.Sum(b => b.Lines.Count) >= 40);
        Assert.Equal(ErrorCodes.Cancelled, end.Error!.Code);
        var numbers = batches.SelectMany(b => b.Lines).Select(l => int.Parse(l.Text)).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.True(batches.Count < numbers.Count, "lines are batched, several per frame");
    }
}
