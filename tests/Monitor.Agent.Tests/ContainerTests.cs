using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests;

public sealed class ContainerTests
{
    [Fact]
    public async Task Containers_are_listed_stopped_started_restarted_and_removed()
    {
        await using var docker = new DockerTestContainers();
        var name = DockerTestContainers.UniqueName("agent");
        var id = await docker.RunAsync(name, "sleep", "600");
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);

        var list = await client.CallAsync<ContainerListRequest, ContainerListResponse>(Methods.ContainerList, new ContainerListRequest());
        var listed = Assert.Single(list.Containers, c => c.Name == name);
        Assert.Equal(id, listed.Id);
        Assert.Equal("running", listed.State);
        Assert.Equal(TestImages.Busybox, listed.Image);

        var stopped = await client.CallAsync<ContainerStopRequest, ContainerActionResult>(Methods.ContainerStop, new ContainerStopRequest(name, 1));
        Assert.Equal("exited", stopped.State);
        var started = await client.CallAsync<ContainerRef, ContainerActionResult>(Methods.ContainerStart, new ContainerRef(name));
        Assert.Equal("running", started.State);

        var before = await client.CallAsync<ContainerRef, ContainerDetails>(Methods.ContainerInspect, new ContainerRef(name));
        await client.CallAsync<ContainerStopRequest, ContainerActionResult>(Methods.ContainerRestart, new ContainerStopRequest(name, 1));
        var after = await client.CallAsync<ContainerRef, ContainerDetails>(Methods.ContainerInspect, new ContainerRef(name));
        Assert.Equal("running", after.State);
        Assert.True(after.StartedAt > before.StartedAt);

        var removed = await client.CallAsync<ContainerRemoveRequest, ContainerActionResult>(Methods.ContainerRemove, new ContainerRemoveRequest(name, Force: true));
        Assert.Equal("removed", removed.State);
        var again = await client.CallAsync<ContainerListRequest, ContainerListResponse>(Methods.ContainerList, new ContainerListRequest());
        Assert.DoesNotContain(again.Containers, c => c.Name == name);
    }

    [Fact]
    public async Task Unknown_containers_and_dash_names_are_refused_clearly()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var missing = await client.RequestAsync(Methods.ContainerStart, new ContainerRef("mt-no-such-container-xyz"));
        Assert.Equal(ErrorCodes.NotFound, missing.Error!.Code);
        var dash = await client.RequestAsync(Methods.ContainerStart, new ContainerRef("-rf"));
        Assert.Equal(ErrorCodes.InvalidArgument, dash.Error!.Code);
    }

    [Fact]
    public async Task Stats_of_a_running_container_report_memory_and_pids()
    {
        await using var docker = new DockerTestContainers();
        var name = DockerTestContainers.UniqueName("stats");
        await docker.RunAsync(name, "sleep", "600");
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var stats = await client.CallAsync<ContainerRef, ContainerStats>(Methods.ContainerStats, new ContainerRef(name));
        Assert.Equal(name, stats.Name);
        Assert.True(stats.MemoryUsageBytes > 0);
        Assert.True(stats.Pids >= 1);
        Assert.InRange(stats.CpuPercent, 0, 100.0 * Environment.ProcessorCount);
    }
}
