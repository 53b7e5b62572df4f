using System.Text.Json;
using Docker.DotNet.Models;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.DockerViews;

/// <summary>The Docker views through the real CLI, a real agent and the real engine.</summary>
public sealed class DockerViewCliTests
{
    [Fact]
    public async Task Container_inspect_top_and_stats_show_the_real_container()
    {
        await using var docker = new DockerObjects();
        await docker.Docker.Volumes.CreateAsync(new VolumesCreateParameters { Name = $"{docker.Prefix}-data" });
        var name = await docker.RunAsync("app", ["sleep", "600"], p =>
        {
            p.Env = ["MT_SECRET=hunter2", "MT_PLAIN=1"];
            p.HostConfig.Binds = [$"{docker.Prefix}-data:/data"];
            p.HostConfig.RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped };
        });
        await using var console = await ConsoleHarness.StartAsync();

        var inspect = await console.JsonAsync("container", "inspect", name, "--server", "local");
        Assert.Equal(name, inspect.GetProperty("name").GetString());
        Assert.Equal("running", inspect.GetProperty("state").GetString());
        var mount = Assert.Single(inspect.GetProperty("mounts").EnumerateArray());
        Assert.Equal("/data", mount.GetProperty("destination").GetString());
        Assert.Equal($"{docker.Prefix}-data", mount.GetProperty("name").GetString());
        Assert.Contains(inspect.GetProperty("networks").EnumerateArray(), n => n.GetProperty("name").GetString() == "bridge");
        var document = await console.RunAsync("container", "inspect", name, "--server", "local");
        Assert.Equal(0, document.ExitCode);
        Assert.Contains($"Name:          {name}", document.Output);
        Assert.Contains($"{docker.Prefix}-data -> /data", document.Output);
        Assert.Contains("MT_SECRET", document.Output);
        Assert.DoesNotContain("hunter2", document.Output + inspect.GetRawText());

        var top = await console.JsonAsync("container", "top", name, "--server", "local");
        var titles = top.GetProperty("titles").EnumerateArray().Select(t => t.GetString()).ToList();
        var cmd = titles.IndexOf("CMD");
        Assert.True(cmd >= 0, string.Join(",", titles));
        Assert.Contains(top.GetProperty("processes").EnumerateArray(), p => p[cmd].GetString()!.Contains("sleep 600"));

        var stats = await console.JsonAsync("container", "stats", name, "--server", "local");
        var sample = Assert.Single(stats.EnumerateArray());
        Assert.Equal(name, sample.GetProperty("name").GetString());
        Assert.True(sample.GetProperty("memoryUsageBytes").GetInt64() > 0);
        Assert.Equal(1, sample.GetProperty("pids").GetInt32());
        var table = await console.RunAsync("container", "stats", name, "--server", "local");
        Assert.Contains("MEM USAGE / LIMIT", table.Output);
        Assert.Contains(name, table.Output);

        var bad = await console.RunAsync("container", "top", name, "--server", "local", "--ps-args", "; rm -rf /");
        Assert.Equal(2, bad.ExitCode); // refused before anything ran (usage)
        Assert.Contains("ps options", bad.Error);
    }

    [Fact]
    public async Task Stats_follow_keeps_sampling_until_cancelled()
    {
        await using var docker = new DockerObjects();
        var name = await docker.RunAsync("busy", ["sleep", "600"]);
        await using var console = await ConsoleHarness.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new LineCountingWriter(lines => { if (lines >= 3) cts.Cancel(); });
        var code = await Monitor.Control.Cli.CliApp.RunAsync(["--config", console.ConfigPath, "--json", "container", "stats", name, "--server", "local", "--follow"],
            output, new StringWriter(), cts.Token);
        Assert.True(code is 0 or 130, $"exit {code}");
        var samples = output.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(samples.Count >= 3, $"{samples.Count} samples");
        Assert.All(samples, s => Assert.Equal(name, s.GetProperty("name").GetString()));
        Assert.True(samples[^1].GetProperty("time").GetDateTimeOffset() > samples[0].GetProperty("time").GetDateTimeOffset());
    }

    [Fact]
    public async Task Events_since_and_until_replay_a_containers_life_filtered_by_name()
    {
        await using var docker = new DockerObjects();
        await using var console = await ConsoleHarness.StartAsync();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();
        var name = await docker.RunAsync("ev", ["sleep", "600"]);
        await docker.Docker.Containers.StopContainerAsync(name, new ContainerStopParameters { WaitBeforeKillSeconds = 0 });
        var until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds();

        var result = await console.RunAsync("--json", "events", "--server", "local", "--since", since.ToString(), "--until", until.ToString(),
            "--filter", $"container={name}", "--filter", "type=container");
        Assert.Equal(0, result.ExitCode);
        var events = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var actions = events.Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["create", "start"], actions.Take(2));
        Assert.Contains("die", actions);
        Assert.All(events, e => Assert.Equal(name, e.GetProperty("name").GetString()));

        var text = await console.RunAsync("events", "--server", "local", "--since", since.ToString(), "--until", until.ToString(), "--filter", $"container={name}");
        Assert.Contains(" container start ", text.Output);

        var bad = await console.RunAsync("events", "--server", "local", "--filter", "color=blue", "--until", until.ToString());
        Assert.Equal(2, bad.ExitCode); // refused before anything ran (usage)
        Assert.Contains("event filter 'color' is not known", bad.Error);
    }

    [Fact]
    public async Task Images_list_remove_and_prune_by_label_and_system_df_counts_them()
    {
        await using var docker = new DockerObjects();
        await using var console = await ConsoleHarness.StartAsync();
        var repo = $"{docker.Prefix}-img";
        await docker.Docker.Images.TagImageAsync(TestImages.Busybox, new ImageTagParameters { RepositoryName = repo, Tag = "v1" });

        var images = await console.JsonAsync("image", "list", "--server", "local");
        Assert.Contains(images.EnumerateArray(), i => i.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == $"{repo}:v1"));
        var df = await console.JsonAsync("system", "df", "--server", "local");
        Assert.Equal(["images", "containers", "volumes", "build cache"], df.GetProperty("summary").EnumerateArray().Select(r => r.GetProperty("type").GetString()));
        Assert.Contains(df.GetProperty("images").EnumerateArray(), i => i.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == TestImages.Busybox));
        Assert.Contains("RECLAIMABLE", (await console.RunAsync("system", "df", "--server", "local")).Output);

        var removed = await console.JsonAsync("image", "remove", $"{repo}:v1", "--server", "local");
        Assert.Equal([$"{repo}:v1"], removed.GetProperty("untagged").EnumerateArray().Select(u => u.GetString()));
        await Assert.ThrowsAsync<Docker.DotNet.DockerImageNotFoundException>(() => docker.Docker.Images.InspectImageAsync($"{repo}:v1"));

        // a dangling image of our own, marked with a label only this test uses: prune by that label removes exactly it
        var source = await docker.RunAsync("src", ["sleep", "600"]);
        var label = $"{docker.Prefix}-prune";
        var commit = await docker.Docker.Images.CommitContainerChangesAsync(new CommitContainerChangesParameters
        {
            ContainerID = source, Labels = new Dictionary<string, string> { [label] = "1" },
        });
        var refused = await console.RunAsync("image", "prune", "--server", "local", "--filter", $"label={label}");
        Assert.Equal(2, refused.ExitCode); // refused before anything ran (usage)
        Assert.Contains("--yes", refused.Error);
        var pruned = await console.JsonAsync("image", "prune", "--server", "local", "--filter", $"label={label}", "--yes");
        Assert.Contains(pruned.GetProperty("removed").EnumerateArray(), r => r.GetString() == commit.ID);
        await Assert.ThrowsAsync<Docker.DotNet.DockerImageNotFoundException>(() => docker.Docker.Images.InspectImageAsync(commit.ID));

        var history = await console.JsonAsync("history", "--server", "local");
        Assert.Equal(["image.prune", "image.remove"], history.EnumerateArray().Select(r => r.GetProperty("type").GetString()).Take(2));
        Assert.Equal($"{repo}:v1", history[1].GetProperty("target").GetString());
    }

    [Fact]
    public async Task Volumes_list_inspect_remove_and_prune_by_label()
    {
        await using var docker = new DockerObjects();
        await using var console = await ConsoleHarness.StartAsync();
        var used = $"{docker.Prefix}-used";
        var label = $"{docker.Prefix}-vol";
        await docker.Docker.Volumes.CreateAsync(new VolumesCreateParameters { Name = used, Labels = new Dictionary<string, string> { [label] = "a" } });
        var spare = (await docker.Docker.Volumes.CreateAsync(new VolumesCreateParameters { Name = $"{docker.Prefix}-spare", Labels = new Dictionary<string, string> { [label] = "b" } })).Name;
        var user = await docker.RunAsync("user", ["sleep", "600"], p => p.HostConfig.Binds = [$"{used}:/data"]);

        var list = await console.JsonAsync("volume", "list", "--server", "local");
        Assert.Contains(list.EnumerateArray(), v => v.GetProperty("name").GetString() == used);
        var inspect = await console.JsonAsync("volume", "inspect", used, "--server", "local");
        Assert.Equal([user], inspect.GetProperty("usedBy").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("a", inspect.GetProperty("volume").GetProperty("labels").GetProperty(label).GetString());

        var inUse = await console.RunAsync("volume", "remove", used, "--server", "local");
        Assert.Equal(1, inUse.ExitCode);
        Assert.Contains("in use", inUse.Error);

        var pruned = await console.JsonAsync("volume", "prune", "--server", "local", "--filter", $"label={label}", "--yes");
        Assert.Equal([spare], pruned.GetProperty("removed").EnumerateArray().Select(r => r.GetString()));
        await docker.Docker.Containers.RemoveContainerAsync(user, new ContainerRemoveParameters { Force = true });
        Assert.Equal(used, (await console.JsonAsync("volume", "remove", used, "--server", "local")).GetProperty("name").GetString());
        var after = await console.JsonAsync("volume", "list", "--server", "local");
        Assert.DoesNotContain(after.EnumerateArray(), v => v.GetProperty("name").GetString()!.StartsWith(docker.Prefix, StringComparison.Ordinal));

        var types = (await console.JsonAsync("history", "--server", "local")).EnumerateArray().Select(r => r.GetProperty("type").GetString()).ToList();
        Assert.Equal(["volume.remove", "volume.prune", "volume.remove"], types.Take(3));
    }

    [Fact]
    public async Task Network_list_shows_the_containers_on_each_network()
    {
        await using var docker = new DockerObjects();
        await using var console = await ConsoleHarness.StartAsync();
        var network = $"{docker.Prefix}-net";
        await docker.Docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = network });
        var name = await docker.RunAsync("on", ["sleep", "600"], p => p.HostConfig.NetworkMode = network);

        var networks = await console.JsonAsync("network", "list", "--server", "local");
        var ours = Assert.Single(networks.EnumerateArray(), n => n.GetProperty("name").GetString() == network);
        Assert.Equal([name], ours.GetProperty("containers").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("bridge", ours.GetProperty("driver").GetString());
        Assert.Contains(network, (await console.RunAsync("network", "list", "--server", "local")).Output);
    }
}
