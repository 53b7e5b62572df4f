using Monitor.Shared.Protocol;

namespace Monitor.Agent.Tests.Apps;

/// <summary>Supervised apps run as real processes in real cgroups.</summary>
public sealed class AppSupervisionTests : AppAgentTest
{
    [Fact]
    public async Task An_app_over_its_memory_limit_is_killed_by_the_kernel_and_restarted_per_policy()
    {
        // tail looks for the last lines of an endless stream without newlines: it keeps everything it reads.
        var changes = await ApplyAsync(new AppSpec("hog", ["tail", "/dev/zero"], MemoryBytes: 16 * 1024 * 1024, Restart: "on-failure"));
        Assert.Equal([new AppChange("hog", "created")], changes.Changes);

        var status = await WaitForAsync("hog", s => s.Restarts >= 1 && s.OomKills >= 1, "an OOM kill and a restart");
        Assert.Equal("killed by the kernel: over its memory limit", status.LastExit);
        Assert.Equal(16 * 1024 * 1024, status.MemoryLimitBytes);
        Assert.True(status.DesiredRunning);
        Assert.Contains(status.State, new[] { "running", "backoff" });

        var listed = Assert.Single((await Client.RequestAsync(AgentMethods.AppList, new AppListRequest())).Apps);
        Assert.Equal("hog", listed.Name);
        Assert.True(listed.Restarts >= 1);
    }

    [Fact]
    public async Task Stop_sends_the_stop_signal_and_an_app_that_honours_it_ends_by_it()
    {
        await ApplyAsync(new AppSpec("polite", ["sh", "-c", "trap 'echo got TERM; exit 0' TERM; echo ready; while true; do sleep 0.1; done"], StopTimeoutSeconds: 30));
        await WaitForLogAsync("polite", "ready");
        var pid = (await StatusAsync("polite")).Pid!.Value;

        var stopped = await Client.RequestAsync(AgentMethods.AppStop, new AppRef("polite"));

        Assert.Equal("stopped", stopped.State);
        Assert.Equal("stopped by SIGTERM", stopped.LastExit);
        Assert.Null(stopped.Pid);
        Assert.False(Alive(pid));
        Assert.Contains("got TERM", await LogAsync("polite"));
        Assert.Empty(AppCgroupCleanup.Pids(CgroupParent, "polite"));
    }

    [Fact]
    public async Task Stop_kills_every_process_of_an_app_that_ignores_its_signal_after_the_timeout()
    {
        await ApplyAsync(new AppSpec("stubborn", ["sh", "-c", "trap 'echo ignoring TERM' TERM; echo ready; while true; do sleep 0.1; done"],
            StopSignal: "TERM", StopTimeoutSeconds: 1));
        await WaitForLogAsync("stubborn", "ready");
        var pid = (await StatusAsync("stubborn")).Pid!.Value;

        var stopped = await Client.RequestAsync(AgentMethods.AppStop, new AppRef("stubborn"));

        Assert.Equal("stopped", stopped.State);
        Assert.Equal("killed: still running 1 s after SIGTERM", stopped.LastExit);
        Assert.False(Alive(pid));
        Assert.Contains("ignoring TERM", await LogAsync("stubborn"));
        Assert.Empty(AppCgroupCleanup.Pids(CgroupParent, "stubborn"));
        Assert.False((await StatusAsync("stubborn")).DesiredRunning);
    }

    [Fact]
    public async Task Start_restart_and_remove_change_the_app_and_its_output_is_captured()
    {
        await ApplyAsync(new AppSpec("echoer", ["sh", "-c", "echo \"hello $GREETING from $MONITOR_APP\"; echo oops >&2; exec sleep 3600"],
            Env: new Dictionary<string, string> { ["GREETING"] = "world" }, SecretEnv: new Dictionary<string, string> { ["TOKEN"] = "s3cret" }));
        await WaitForLogAsync("echoer", "oops");
        Assert.Contains("hello world from echoer", await LogAsync("echoer"));
        var details = await Client.RequestAsync(AgentMethods.AppShow, new AppRef("echoer"));
        Assert.Equal("***", details.Spec.SecretEnv!["TOKEN"]);
        var first = details.Status.Pid!.Value;

        var restarted = await Client.RequestAsync(AgentMethods.AppRestart, new AppRef("echoer"));
        Assert.Equal("running", restarted.State);
        Assert.NotEqual(first, restarted.Pid);
        Assert.False(Alive(first));

        await Client.RequestAsync(AgentMethods.AppStop, new AppRef("echoer"));
        var started = await Client.RequestAsync(AgentMethods.AppStart, new AppRef("echoer"));
        Assert.Equal("running", started.State);
        Assert.True(Alive(started.Pid!.Value));

        var removed = await Client.RequestAsync(AgentMethods.AppRemove, new AppRef("echoer"));
        Assert.Equal("removed", removed.State);
        Assert.False(Alive(started.Pid!.Value));
        Assert.Empty((await Client.RequestAsync(AgentMethods.AppList, new AppListRequest())).Apps);
        Assert.False(Directory.Exists(Path.Combine(Agent.WorkDir, "apps", "echoer")));
    }

    [Fact]
    public async Task An_app_that_exits_with_success_is_not_restarted_on_failure_policy_but_is_with_always()
    {
        await ApplyAsync(
            new AppSpec("once", ["true"], Restart: "on-failure"),
            new AppSpec("again", ["sh", "-c", "echo run; exit 0"], Restart: "always"));

        var once = await WaitForAsync("once", s => s.State == "exited", "exit");
        Assert.Equal("exit 0", once.LastExit);
        Assert.Equal(0, once.Restarts);
        Assert.False(once.DesiredRunning);
        await WaitForAsync("again", s => s.Restarts >= 2, "two restarts");
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("-rf")]
    [InlineData("Upper")]
    [InlineData("a\nb")]
    public async Task Bad_app_names_are_refused(string name)
    {
        var answer = await Client.AnswerAsync(await Client.SendRequestAsync(AgentMethods.AppApply, new AppApplyRequest([new AppSpec(name, ["true"])])));
        Assert.Equal(ErrorCodes.InvalidArgument, answer.Error?.Code);
        var show = await Client.AnswerAsync(await Client.SendRequestAsync(AgentMethods.AppShow, new AppRef(name)));
        Assert.Equal(ErrorCodes.InvalidArgument, show.Error?.Code);
    }

    [Fact]
    public async Task A_bad_definition_is_refused_naming_the_field()
    {
        var answer = await Client.AnswerAsync(await Client.SendRequestAsync(AgentMethods.AppApply,
            new AppApplyRequest([new AppSpec("x", ["-c", "true"])])));
        Assert.Equal(ErrorCodes.InvalidArgument, answer.Error?.Code);
        Assert.Contains("starts with '-'", answer.Error!.Message);
        answer = await Client.AnswerAsync(await Client.SendRequestAsync(AgentMethods.AppApply,
            new AppApplyRequest([new AppSpec("x", ["true"], StopSignal: "BOGUS")])));
        Assert.Contains("stop_signal", answer.Error!.Message);
    }
}
