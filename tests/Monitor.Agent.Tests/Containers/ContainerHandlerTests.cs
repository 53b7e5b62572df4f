using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Containers;

public sealed class ContainerHandlerTests : IAsyncLifetime
{
    private TestAgent _agent = null!;
    private RawAgentClient _client = null!;
    private readonly DockerContainers _docker = new();

    public async Task InitializeAsync()
    {
        _agent = await TestAgent.StartAsync();
        _client = await RawAgentClient.ConnectAuthenticatedAsync(_agent.Url, _agent.ConsoleKey);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _agent.DisposeAsync();
        await _docker.DisposeAsync();
    }

    private Task<ContainerListResponse> ListAsync() =>
        _client.RequestAsync<ContainerListRequest, ContainerListResponse>(Methods.ContainerList,
            new ContainerListRequest(true, new Dictionary<string, string> { ["monitor.test"] = _docker.Prefix }));

    [Fact]
    public async Task Containers_are_listed_stopped_started_restarted_and_removed()
    {
        var name = await _docker.RunAsync("life", "trap 'exit 0' TERM; while true; do sleep 1; done");
        await _docker.WaitUntilAsync(name, s => s.Running);

        var listed = Assert.Single((await ListAsync()).Containers);
        Assert.Equal(name, listed.Name);
        Assert.Equal(TestImages.Busybox, listed.Image);
        Assert.Equal("running", listed.State);
        Assert.Equal(_docker.Prefix, listed.Labels["monitor.test"]);

        var stopped = await _client.RequestAsync<ContainerStopRequest, ContainerActionResult>(Methods.ContainerStop, new ContainerStopRequest(name, 2));
        Assert.Equal("exited", stopped.State);
        Assert.Equal("exited", Assert.Single((await ListAsync()).Containers).State);

        var started = await _client.RequestAsync<ContainerRef, ContainerActionResult>(Methods.ContainerStart, new ContainerRef(name));
        Assert.Equal("running", started.State);

        var before = (await _docker.Client.Containers.InspectContainerAsync(name)).State.StartedAt;
        var restarted = await _client.RequestAsync<ContainerStopRequest, ContainerActionResult>(Methods.ContainerRestart, new ContainerStopRequest(name, 2));
        Assert.Equal("running", restarted.State);
        Assert.NotEqual(before, (await _docker.Client.Containers.InspectContainerAsync(name)).State.StartedAt);

        var removed = await _client.RequestAsync<ContainerRemoveRequest, ContainerActionResult>(Methods.ContainerRemove, new ContainerRemoveRequest(name, Force: true));
        Assert.Equal("removed", removed.State);
        Assert.False(await _docker.ExistsAsync(name));
        Assert.Empty((await ListAsync()).Containers);
    }

    [Fact]
    public async Task Inspect_and_stats_describe_a_running_container()
    {
        var name = await _docker.RunAsync("stats", "while true; do sleep 1; done");
        await _docker.WaitUntilAsync(name, s => s.Running);

        var details = await _client.RequestAsync<ContainerRef, ContainerDetails>(Methods.ContainerInspect, new ContainerRef(name));
        Assert.Equal(name, details.Name);
        Assert.Equal("running", details.State);
        Assert.Contains("sh", details.Command);

        var stats = await _client.RequestAsync<ContainerRef, ContainerStats>(Methods.ContainerStats, new ContainerRef(name));
        Assert.Equal(details.Id, stats.Id);
        Assert.True(stats.MemoryUsageBytes > 0, "a running shell uses memory");
        Assert.True(stats.Pids >= 1);
        Assert.InRange(stats.CpuPercent, 0, 100.0 * Environment.ProcessorCount);
    }

    [Fact]
    public async Task Unknown_container_is_not_found_with_dockers_message()
    {
        var answer = await _client.AnswerAsync(await _client.SendRequestAsync(Methods.ContainerStart, new ContainerRef(_docker.Prefix + "-missing")));
        Assert.Equal(FrameTypes.Error, answer.Type);
        Assert.Equal(ErrorCodes.NotFound, answer.Error!.Code);
        Assert.Contains("No such container", answer.Error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("-rf")]
    [InlineData("a b")]
    [InlineData("x;rm")]
    [InlineData("")]
    public async Task Names_that_could_be_options_or_are_malformed_are_rejected(string name)
    {
        var answer = await _client.AnswerAsync(await _client.SendRequestAsync(Methods.ContainerStop, new ContainerStopRequest(name)));
        Assert.Equal(FrameTypes.Error, answer.Type);
        Assert.Equal(ErrorCodes.InvalidArgument, answer.Error!.Code);
    }
}
