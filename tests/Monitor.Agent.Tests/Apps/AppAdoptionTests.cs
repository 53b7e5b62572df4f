using Monitor.Agent.Tests.Support;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Apps;

/// <summary>Apps outlive their agent: a restarted agent re-adopts them by PID + start time and never starts a second copy.</summary>
public sealed class AppAdoptionTests : AppAgentTest
{
    [Fact]
    public async Task Apps_survive_an_agent_restart_and_are_re_adopted_and_supervised_again()
    {
        await ApplyAsync(new AppSpec("sleeper", ["sleep", "3600"], Restart: "always"));
        var before = await WaitForAsync("sleeper", s => s.Pid is not null, "start");

        await Agent.RestartAsync();
        await ReconnectAsync();

        var after = await StatusAsync("sleeper");
        Assert.Equal("running", after.State);
        Assert.Equal(before.Pid, after.Pid);
        Assert.Equal(0, after.Restarts);
        Assert.Equal([before.Pid!.Value], AppCgroupCleanup.Pids(CgroupParent, "sleeper"));

        // The adopted process is watched: killed from outside, it is restarted per policy.
        System.Diagnostics.Process.GetProcessById(before.Pid.Value).Kill();
        var restarted = await WaitForAsync("sleeper", s => s.Restarts == 1 && s.Pid is not null, "a restart of the adopted app");
        Assert.NotEqual(before.Pid, restarted.Pid);
        // The launcher writes its PID to cgroup.procs itself, just before it execs the app: wait for that.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!AppCgroupCleanup.Pids(CgroupParent, "sleeper").SequenceEqual([restarted.Pid!.Value]) && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal([restarted.Pid!.Value], AppCgroupCleanup.Pids(CgroupParent, "sleeper"));
    }

    [Fact]
    public async Task A_stopped_app_stays_stopped_after_an_agent_restart()
    {
        await ApplyAsync(new AppSpec("idle", ["sleep", "3600"]));
        await Client.RequestAsync(AgentMethods.AppStop, new AppRef("idle"));

        await Agent.RestartAsync();
        await ReconnectAsync();

        var status = await StatusAsync("idle");
        Assert.Equal("stopped", status.State);
        Assert.Null(status.Pid);
        Assert.Empty(AppCgroupCleanup.Pids(CgroupParent, "idle"));
    }
}

/// <summary>The agent as its own process, killed with SIGKILL: nothing of its shutdown runs.</summary>
public sealed class AppAgentKillTests : IAsyncLifetime
{
    private readonly string _cgroup = $"mt-apps-{Guid.NewGuid():N}"[..16];
    private readonly TempDirectory _dir = new();
    private readonly Monitor.Shared.Security.ConsoleKeyPair _key = Monitor.Shared.Security.ConsoleKeyPair.Generate();
    private AgentConfig _config = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_dir.File("authorized_keys"), _key.PublicKeyLine("test-console") + "\n");
        _config = new AgentConfig
        {
            Listen = $"127.0.0.1:{FreePort.Next()}",
            AuthorizedKeys = _dir.File("authorized_keys"),
            WorkDir = Directory.CreateDirectory(_dir.File("work")).FullName,
            AppsCgroup = _cgroup,
            Tls = false,
        };
    }

    public async Task DisposeAsync()
    {
        await AppCgroupCleanup.RemoveAsync(_cgroup);
        _key.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Apps_survive_agent_kill_9_and_are_not_duplicated_when_it_starts_again()
    {
        int pid;
        await using (var agent = await AgentProcess.StartAsync(_config, _dir.File("agent.toml")))
        {
            await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, _key);
            await client.RequestAsync(AgentMethods.AppApply, new AppApplyRequest([new AppSpec("survivor", ["sleep", "3600"], Restart: "always")]));
            pid = (await client.RequestAsync(AgentMethods.AppShow, new AppRef("survivor"))).Status.Pid!.Value;
            await agent.KillAsync();
        }
        Assert.True(File.Exists($"/proc/{pid}/stat"), "the app died with its agent");

        await using (var agent = await AgentProcess.StartAsync(_config, _dir.File("agent.toml")))
        {
            await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, _key);
            var status = (await client.RequestAsync(AgentMethods.AppShow, new AppRef("survivor"))).Status;
            Assert.Equal("running", status.State);
            Assert.Equal(pid, status.Pid);
            Assert.Equal(0, status.Restarts);
            Assert.Equal([pid], AppCgroupCleanup.Pids(_cgroup, "survivor"));
            await client.RequestAsync(AgentMethods.AppRemove, new AppRef("survivor"));
        }
    }
}
