using System.Collections.Concurrent;
using Monitor.Control.Stacks;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests;

public sealed class DeployPipelineTests
{
    [Fact]
    public async Task Build_push_deploy_to_two_targets_then_upgrade_then_roll_back_a_crashing_version()
    {
        await using var world = await StackWorld.StartAsync("stk");
        using var repo = new GitRepoFixture();
        var commit1 = repo.Commit("v1", SiteRepo.Files("hello from v1"));
        var (portA, portB) = (FreePort.Next(), FreePort.Next());
        var stack = new StackConfig
        {
            Name = world.Prefix,
            Repo = new StackRepoConfig { Url = repo.Path, Branch = "main", Scripts = ["echo repo-script-ran > www/script.txt"] },
            Build = new StackBuildConfig { Server = "a" },
            Deploy = new StackDeployConfig
            {
                Targets = ["a", "b"], ContainerName = world.Prefix, Restart = "unless-stopped",
                Overrides = new()
                {
                    ["a"] = new() { Ports = [$"127.0.0.1:{portA}:8080"] },
                    ["b"] = new() { ContainerName = world.Prefix + "-b", Ports = [$"127.0.0.1:{portB}:8080"] },
                },
                Env = new() { ["GREETING"] = "hi" }, Labels = new() { ["team"] = "ops" }, Memory = "64m",
                StartTimeoutSeconds = 30,
            },
        };
        await world.Stacks.SaveAsync(stack);
        var output = new ConcurrentQueue<StackOutput>();
        var progress = new SyncProgress<StackOutput>(output.Enqueue);

        // 1. First deploy: 0.0.1 built from commit 1, pushed, running on both targets.
        var first = await world.Stacks.DeployAsync(stack.Name, progress);
        Assert.True(first.Success, string.Join("\n", first.Targets.Select(t => t.Message)));
        Assert.Equal("0.0.1", first.Version);
        Assert.Equal(commit1, first.Commit);
        Assert.Equal($"{world.Registry.Address}/{world.Prefix}:0.0.1", first.Image);
        Assert.Contains("hello from v1", await HttpProbe.WaitForAsync($"http://127.0.0.1:{portA}/", "hello from v1"));
        Assert.Contains("hello from v1", await HttpProbe.WaitForAsync($"http://127.0.0.1:{portB}/", "hello from v1"));
        Assert.Contains("repo-script-ran", await HttpProbe.WaitForAsync($"http://127.0.0.1:{portA}/script.txt", "repo-script-ran"));
        var tags = await world.Registry.TagsJsonAsync(world.Prefix);
        Assert.Contains("\"0.0.1\"", tags);
        Assert.Contains("\"latest\"", tags);
        Assert.Contains($"\"git-{commit1[..12]}\"", tags);
        Assert.Contains(output, o => o.Step == "build" && o.Text.Contains("COPY www /www", StringComparison.Ordinal));
        Assert.Contains(output, o => o.Step == "pull-image" && o.Server == "b");

        // 2. New commit → 0.0.2 serves the new content on both targets.
        var commit2 = repo.Commit("v2", SiteRepo.Files("hello from v2"));
        var second = await world.Stacks.DeployAsync(stack.Name, progress);
        Assert.True(second.Success, string.Join("\n", second.Targets.Select(t => t.Message)));
        Assert.Equal("0.0.2", second.Version);
        Assert.Equal(commit2, second.Commit);
        Assert.Contains("hello from v2", await HttpProbe.WaitForAsync($"http://127.0.0.1:{portA}/", "hello from v2"));
        Assert.Contains("hello from v2", await HttpProbe.WaitForAsync($"http://127.0.0.1:{portB}/", "hello from v2"));

        // 3. A version whose container exits at once is rolled back; 0.0.2 still serves.
        var commit3 = repo.Commit("broken", SiteRepo.Files("hello from v3", """["sh","-c","echo crashing on purpose; exit 3"]"""));
        var third = await world.Stacks.DeployAsync(stack.Name, progress);
        Assert.False(third.Success);
        Assert.Equal("0.0.3", third.Version);
        Assert.All(third.Targets, t => { Assert.True(t.RolledBack, t.Message); Assert.EndsWith(":0.0.2", t.Image); });
        Assert.Contains("hello from v2", await HttpProbe.WaitForAsync($"http://127.0.0.1:{portA}/", "hello from v2"));
        Assert.Contains("hello from v2", await HttpProbe.WaitForAsync($"http://127.0.0.1:{portB}/", "hello from v2"));
        Assert.Contains(output, o => o.Step == "wait" && o.Text.Contains("crashing on purpose", StringComparison.Ordinal));

        // History: every deploy recorded with output, version and commit; rollbacks recorded per target.
        var deploys = await world.Store.QueryActionsAsync(new ActionQuery { Stack = stack.Name, Type = StackActionTypes.Deploy, Descending = false });
        Assert.Equal(3, deploys.Count);
        Assert.Equal(["0.0.1", "0.0.2", "0.0.3"], deploys.Select(d => d.Result["version"]));
        Assert.Equal([commit1, commit2, commit3], deploys.Select(d => d.Result["commit"]));
        Assert.Equal([true, true, false], deploys.Select(d => d.Success ?? false));
        Assert.Contains("[build a]", deploys[0].Output);
        Assert.Contains("[push a]", deploys[0].Output);
        Assert.Contains("[run b]", deploys[0].Output);
        Assert.Contains("rolled back", deploys[2].Error);
        var rollbacks = await world.Store.QueryActionsAsync(new ActionQuery { Stack = stack.Name, Type = StackActionTypes.Rollback });
        Assert.Equal(["a", "b"], rollbacks.Select(r => r.Server!).Order());
        Assert.All(rollbacks, r => Assert.True(r.Success));

        var builds = await world.Stacks.BuildsAsync(stack.Name);
        Assert.Equal(["0.0.1", "0.0.2", "0.0.3"], builds.Select(b => b.Version));
    }

    [Fact]
    public async Task Stack_start_stop_restart_and_logs_use_the_agents_container_methods_on_every_target()
    {
        await using var world = await StackWorld.StartAsync("life", registry: false);
        var (portA, portB) = (FreePort.Next(), FreePort.Next());
        await world.Stacks.SaveAsync(new StackConfig
        {
            Name = world.Prefix,
            Image = TestImages.Busybox,
            Deploy = new StackDeployConfig
            {
                Targets = ["a", "b"], LogTail = 5,
                Args = ["sh", "-c", "echo started-$HOSTNAME-marker; mkdir -p /w && echo life > /w/index.html && exec httpd -f -p 8080 -h /w"],
                Overrides = new()
                {
                    ["a"] = new() { Ports = [$"127.0.0.1:{portA}:8080"] },
                    ["b"] = new() { ContainerName = world.Prefix + "-b", Ports = [$"127.0.0.1:{portB}:8080"] },
                },
            },
        });
        Assert.True((await world.Stacks.DeployAsync(world.Prefix)).Success);

        var stopped = await world.Stacks.StopAsync(world.Prefix);
        Assert.All(stopped, r => Assert.True(r.Success, r.Message));
        Assert.All((await world.Stacks.ShowAsync(world.Prefix)).Containers, c => Assert.StartsWith("exited", c.State));
        var started = await world.Stacks.StartAsync(world.Prefix);
        Assert.All(started, r => Assert.True(r.Success, r.Message));
        Assert.Contains("life", await HttpProbe.WaitForAsync($"http://127.0.0.1:{portB}/", "life"));
        Assert.All(await world.Stacks.RestartAsync(world.Prefix), r => Assert.True(r.Success, r.Message));
        Assert.Equal(["a", "b"], (await world.Stacks.ShowAsync(world.Prefix)).Containers.Where(c => c.State.StartsWith("running")).Select(c => c.Server));

        var lines = new List<string>();
        await foreach (var batch in world.Stacks.LogsAsync(world.Prefix, "b")) lines.AddRange(batch.Select(l => l.Text));
        Assert.Contains(lines, l => l.Contains("-marker", StringComparison.Ordinal));

        Assert.All(await world.Stacks.RemoveAsync(world.Prefix), r => Assert.True(r.Success, r.Message));
        Assert.All((await world.Stacks.ShowAsync(world.Prefix)).Containers, c => Assert.Equal("not deployed", c.Error));
        var types = (await world.Store.QueryActionsAsync(new ActionQuery { Stack = world.Prefix, Descending = false })).Select(a => a.Type);
        Assert.Equal([StackActionTypes.Deploy, StackActionTypes.Stop, StackActionTypes.Start, StackActionTypes.Restart, StackActionTypes.Remove], types);
    }

    [Fact]
    public async Task A_stack_with_neither_build_nor_image_cannot_be_deployed_and_says_why()
    {
        await using var world = await StackWorld.StartAsync("stk", registry: false);
        await world.Stacks.SaveAsync(new StackConfig { Name = world.Prefix, Deploy = new StackDeployConfig { Targets = ["a"] } });
        var error = await Assert.ThrowsAsync<Monitor.Control.Services.OperationFailedException>(() => world.Stacks.DeployAsync(world.Prefix));
        Assert.Contains("neither a [build] nor an `image`", error.Message);
    }

    [Fact]
    public async Task A_prebuilt_image_deploys_without_a_build_and_passes_args_after_the_image()
    {
        await using var world = await StackWorld.StartAsync("stk", registry: false);
        var port = FreePort.Next();
        await world.Stacks.SaveAsync(new StackConfig
        {
            Name = world.Prefix,
            Image = TestImages.Busybox,
            Deploy = new StackDeployConfig
            {
                Targets = ["a"], Ports = [$"127.0.0.1:{port}:8080"],
                Args = ["sh", "-c", "mkdir -p /w && echo prebuilt-$MODE > /w/index.html && httpd -f -p 8080 -h /w"],
                Env = new() { ["MODE"] = "ok" },
            },
        });
        var result = await world.Stacks.DeployAsync(world.Prefix);
        Assert.True(result.Success, string.Join("\n", result.Targets.Select(t => t.Message)));
        Assert.Contains("prebuilt-ok", await HttpProbe.WaitForAsync($"http://127.0.0.1:{port}/", "prebuilt-ok"));
    }
}
