using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Host;

public sealed class HostMetricsTests
{
    [Fact]
    public async Task Host_metrics_values_are_sane()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var m = await client.RequestAsync(AgentMethods.HostMetrics, new HostMetricsRequest());

        Assert.True(m.MemoryTotalBytes > 0);
        Assert.InRange(m.MemoryUsedBytes, 1, m.MemoryTotalBytes);
        Assert.InRange(m.MemoryAvailableBytes, 1, m.MemoryTotalBytes);
        Assert.InRange(m.CpuPercent, 0, 100.0 * Environment.ProcessorCount);
        Assert.True(m.Load1 >= 0);
        var root = Assert.Single(m.Disks, d => d.Mount == "/");
        Assert.True(root.TotalBytes > 0);
        Assert.InRange(root.UsedBytes, 0, root.TotalBytes);
        Assert.DoesNotContain(m.Disks, d => d.FileSystem is "proc" or "sysfs" or "cgroup" or "cgroup2");
        Assert.True(m.ProcessCount > 1);
        Assert.True(m.UptimeSeconds > 0);
        Assert.DoesNotContain(m.Networks, n => n.Interface == "lo");
        Assert.All(m.Temperatures, t => Assert.InRange(t.Celsius, -50, 150));
    }

    [Fact]
    public async Task Agent_info_reports_versions_and_docker_reachable()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var info = await client.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest());
        Assert.True(info.DockerReachable);
        Assert.Equal("1.41", info.DockerApiVersion);
        Assert.False(string.IsNullOrEmpty(info.DockerVersion));
        Assert.Equal(Environment.ProcessorCount, info.CpuCount);
        Assert.Equal(Environment.MachineName, info.Hostname);
    }

    [Fact]
    public async Task Agent_info_says_docker_is_unreachable_when_the_socket_is_wrong()
    {
        using var dir = new TempDirectory();
        await using var agent = await TestAgent.StartAsync(c => c.DockerSocket = "unix://" + dir.File("no-docker.sock"));
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var info = await client.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest());
        Assert.False(info.DockerReachable);
        var list = await client.AnswerAsync(await client.SendRequestAsync(AgentMethods.ContainerList, new ContainerListRequest()));
        Assert.Equal(ErrorCodes.DockerError, list.Error!.Code);
    }
}
