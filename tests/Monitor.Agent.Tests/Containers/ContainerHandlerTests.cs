using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Containers;

public sealed class ContainerHandlerTests : ConnectedAgentTest
{
    private Task<ContainerListResponse> ListAsync() =>
        Client.RequestAsync(AgentMethods.ContainerList,
            new ContainerListRequest(true, new Dictionary<string, string> { ["monitor.test"] = TestContainers.Prefix }));

    [Fact]
    public async Task Containers_are_listed_stopped_started_restarted_and_removed()
    {
        var name = await TestContainers.RunAsync("life", "trap 'exit 0' TERM; while true; do sleep 1; done");
        await TestContainers.WaitUntilAsync(name, s => s.Running);

        var listed = Assert.Single((await ListAsync()).Containers);
        Assert.Equal(name, listed.Name);
        Assert.Equal(TestImages.Busybox, listed.Image);
        Assert.Equal("running", listed.State);
        Assert.Equal(TestContainers.Prefix, listed.Labels["monitor.test"]);

        var stopped = await Client.RequestAsync(AgentMethods.ContainerStop, new ContainerStopRequest(name, 2));
        Assert.Equal("exited", stopped.State);
        Assert.Equal("exited", Assert.Single((await ListAsync()).Containers).State);

        var started = await Client.RequestAsync(AgentMethods.ContainerStart, new ContainerRef(name));
        Assert.Equal("running", started.State);

        var before = (await TestContainers.Client.Containers.InspectContainerAsync(name)).State.StartedAt;
        var restarted = await Client.RequestAsync(AgentMethods.ContainerRestart, new ContainerStopRequest(name, 2));
        Assert.Equal("running", restarted.State);
        Assert.NotEqual(before, (await TestContainers.Client.Containers.InspectContainerAsync(name)).State.StartedAt);

        var removed = await Client.RequestAsync(AgentMethods.ContainerRemove, new ContainerRemoveRequest(name, Force: true));
        Assert.Equal("removed", removed.State);
        Assert.False(await TestContainers.ExistsAsync(name));
        Assert.Empty((await ListAsync()).Containers);
    }

    [Fact]
    public async Task Inspect_and_stats_describe_a_running_container()
    {
        var name = await TestContainers.RunAsync("stats", "while true; do sleep 1; done");
        await TestContainers.WaitUntilAsync(name, s => s.Running);

        var details = await Client.RequestAsync(AgentMethods.ContainerInspect, new ContainerRef(name));
        Assert.Equal(name, details.Name);
        Assert.Equal("running", details.State);
        Assert.Contains("sh", details.Command);

        var stats = await Client.RequestAsync(AgentMethods.ContainerStats, new ContainerRef(name));
        Assert.Equal(details.Id, stats.Id);
        Assert.True(stats.MemoryUsageBytes > 0, "a running shell uses memory");
        Assert.True(stats.Pids >= 1);
        Assert.InRange(stats.CpuPercent, 0, 100.0 * Environment.ProcessorCount);
    }

    [Fact]
    public async Task Unknown_container_is_not_found_with_dockers_message()
    {
        var answer = await Client.AnswerAsync(await Client.SendRequestAsync(AgentMethods.ContainerStart, new ContainerRef(TestContainers.Prefix + "-missing")));
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
        var answer = await Client.AnswerAsync(await Client.SendRequestAsync(AgentMethods.ContainerStop, new ContainerStopRequest(name)));
        Assert.Equal(FrameTypes.Error, answer.Type);
        Assert.Equal(ErrorCodes.InvalidArgument, answer.Error!.Code);
    }
}
