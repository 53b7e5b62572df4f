using System.Collections.Concurrent;
using Monitor.Control.Stacks;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests;

/// <summary>Remote-repo stacks (clone and build on each target, no registry), deploys of a given commit, and version
/// numbers that stay unique when builds race.</summary>
public sealed class RemoteRepoTests
{
    [Fact]
    public async Task A_remote_repo_stack_clones_and_builds_one_version_on_each_target_and_can_go_back_to_an_older_commit()
    {
        await using var world = await StackWorld.StartAsync("rmt", registry: false);
        using var repo = new GitRepoFixture();
        var commit1 = repo.Commit("v1", SiteRepo.Files("remote v1"));
        var (portA, portB) = (FreePort.Next(), FreePort.Next());
        var stack = new StackConfig
        {
            Name = world.Prefix,
            Repo = new StackRepoConfig { Url = repo.Path, Remote = true },
            Build = new StackBuildConfig { Server = "a" },
            Deploy = new StackDeployConfig
            {
                Targets = ["a", "b"], StartTimeoutSeconds = 30,
                Overrides = new()
                {
                    ["a"] = new() { Ports = [$"127.0.0.1:{portA}:8080"] },
                    ["b"] = new() { ContainerName = world.Prefix + "-b", Ports = [$"127.0.0.1:{portB}:8080"] },
                },
            },
        };
        await world.Stacks.SaveAsync(stack);
        var output = new ConcurrentQueue<StackOutput>();
        var progress = new SyncProgress<StackOutput>(output.Enqueue);

        var first = await world.Stacks.DeployAsync(stack.Name, progress);
        Assert.True(first.Success, string.Join("\n", first.Targets.Select(t => t.Message)));
        Assert.Equal(("0.0.1", commit1), (first.Version, first.Commit));
        Assert.All(first.Targets, t => Assert.EndsWith(":0.0.1", t.Image));
        Assert.Contains(output, o => o.Text == $"every target builds {commit1[..12]} (the head of main)");
        Assert.Contains(output, o => o.Step == "pull" && o.Server == "a");
        Assert.Contains(output, o => o.Step == "pull" && o.Server == "b");
        Assert.Contains(output, o => o.Step == "build" && o.Server == "b");
        Assert.DoesNotContain(output, o => o.Step is "push" or "pull-image");
        Assert.Contains("remote v1", await HttpProbe.WaitForAsync($"http://127.0.0.1:{portA}/", "remote v1"));
        Assert.Contains("remote v1", await HttpProbe.WaitForAsync($"http://127.0.0.1:{portB}/", "remote v1"));

        repo.Commit("v2", SiteRepo.Files("remote v2"));
        var second = await world.Stacks.DeployAsync(stack.Name, progress);
        Assert.True(second.Success, string.Join("\n", second.Targets.Select(t => t.Message)));
        Assert.Equal("0.0.2", second.Version);
        Assert.Contains("remote v2", await HttpProbe.WaitForAsync($"http://127.0.0.1:{portB}/", "remote v2"));

        // Going back: deploy the first commit by its abbreviated sha (what `monitor stack deploy --commit` does).
        var back = await world.Stacks.DeployAsync(stack.Name, StackRevision.At(commit1[..9]), progress);
        Assert.True(back.Success, string.Join("\n", back.Targets.Select(t => t.Message)));
        Assert.Equal(("0.0.3", commit1), (back.Version, back.Commit));
        Assert.Contains("remote v1", await HttpProbe.WaitForAsync($"http://127.0.0.1:{portA}/", "remote v1"));
        Assert.Contains("remote v1", await HttpProbe.WaitForAsync($"http://127.0.0.1:{portB}/", "remote v1"));

        var deploys = await world.Store.QueryActionsAsync(new ActionQuery { Stack = stack.Name, Type = StackActionTypes.Deploy, Descending = false });
        Assert.Equal(["0.0.1", "0.0.2", "0.0.3"], deploys.Select(d => d.Result["version"]));
        Assert.Equal(commit1[..9], deploys[2].Parameters["commit"]);
        Assert.Contains("[build b]", deploys[0].Output);
    }

    [Fact]
    public async Task Two_builds_of_one_stack_started_together_get_different_versions()
    {
        await using var world = await StackWorld.StartAsync("race", registry: false);
        using var repo = new GitRepoFixture();
        repo.Commit("v1", SiteRepo.Files("race"));
        await world.Stacks.SaveAsync(new StackConfig
        {
            Name = world.Prefix,
            Repo = new StackRepoConfig { Url = repo.Path },
            Build = new StackBuildConfig { Server = "a" },
        });
        // In one console the second build waits for the first (they share the checkout) and says so.
        var output = new ConcurrentQueue<StackOutput>();
        var progress = new SyncProgress<StackOutput>(output.Enqueue);
        var builds = await Task.WhenAll(world.Stacks.BuildAsync(world.Prefix, progress), world.Stacks.BuildAsync(world.Prefix, progress));
        Assert.Equal(["0.0.1", "0.0.2"], builds.Select(b => b.Version).Order());
        Assert.Equal(["0.0.1", "0.0.2"], (await world.Stacks.BuildsAsync(world.Prefix)).Select(b => b.Version));
        Assert.Contains(output, o => o.Step == "queue" && o.Text.Contains("waiting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Version_claims_are_unique_across_consoles_sharing_a_store()
    {
        await using var world = await StackWorld.StartAsync("claim", registry: false);
        // Two "consoles": two StackDocuments over one store, claiming at the same time.
        var consoles = new[] { new StackDocuments(world.Store), new StackDocuments(world.Store) };
        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => consoles[i % 2].ClaimNextVersionAsync("web", "1.2", "abc", CancellationToken.None))));
        Assert.Equal(Enumerable.Range(1, 10).Select(p => $"1.2.{p}"), claims.OrderBy(v => int.Parse(v.Split('.')[2])));
    }
}
