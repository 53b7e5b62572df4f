using Docker.DotNet.Models;
using Monitor.Control.Composition;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.DockerViews;

/// <summary>A followed log outlives its container: across a restart (same id) and a replacement (remove + run under
/// the same name), with exactly one marker line, and no line of either run lost.</summary>
public sealed class LogFollowAcrossRunsTests
{
    // Counts from 1 every 50 ms; on SIGTERM prints "term" and exits, so the old run's last line comes after the stop began.
    private static string[] Counter(string prefix) =>
        ["sh", "-c", $"trap 'echo {prefix}term; exit 0' TERM; i=0; while true; do i=$((i+1)); echo {prefix}$i; sleep 0.05; done"];

    [Fact]
    public async Task A_followed_log_continues_across_a_restart_with_one_marker_and_no_line_lost()
    {
        await using var docker = new DockerObjects();
        var name = await docker.RunAsync("restart", Counter("a"));
        await using var console = await ConsoleHarness.StartAsync();
        await using var services = await MonitorServicesFactory.OpenAsync(console.ConfigPath);

        var restarted = false; // once, at 20 lines or more: the backlog can arrive as one batch of more than 20
        var lines = await FollowAsync(services, name, async seen =>
        {
            if (restarted || seen.Count(l => l.Text.StartsWith('a')) < 20) return;
            restarted = true;
            await docker.Docker.Containers.RestartContainerAsync(name, new ContainerRestartParameters { WaitBeforeKillSeconds = 10 });
        }, done: seen => seen.SkipWhile(l => l.Stream != LogService.MarkerStream).Skip(1).Count() >= 20);

        AssertTwoRuns(lines, "a", "a", "restarted");
    }

    [Fact]
    public async Task A_followed_log_continues_when_a_deploy_replaces_the_container_under_the_same_name()
    {
        await using var docker = new DockerObjects();
        var name = await docker.RunAsync("replace", Counter("a"));
        await using var console = await ConsoleHarness.StartAsync();
        await using var services = await MonitorServicesFactory.OpenAsync(console.ConfigPath);

        var replaced = false;
        var lines = await FollowAsync(services, name, async seen =>
        {
            if (replaced || seen.Count(l => l.Text.StartsWith('a')) < 20) return;
            replaced = true;
            await docker.Docker.Containers.StopContainerAsync(name, new ContainerStopParameters { WaitBeforeKillSeconds = 10 });
            await docker.Docker.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters());
            await docker.RunAsync("replace", Counter("b"));
        }, done: seen => seen.SkipWhile(l => l.Stream != LogService.MarkerStream).Skip(1).Count() >= 20);

        AssertTwoRuns(lines, "a", "b", "replaced");
    }

    private static async Task<List<LogLine>> FollowAsync(MonitorServices services, string name, Func<List<LogLine>, Task> onLines, Func<List<LogLine>, bool> done)
    {
        var lines = new List<LogLine>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await foreach (var batch in services.Logs.StreamAsync("local", new LogStreamRequest(name, Follow: true), cts.Token))
        {
            lines.AddRange(batch);
            if (done(lines)) break;
            await onLines(lines);
        }
        return lines;
    }

    /// <summary>first run: prefix1..prefixN then "term"; one marker; second run: prefix1, prefix2, ... without a gap.</summary>
    private static void AssertTwoRuns(List<LogLine> lines, string first, string second, string markerWord)
    {
        var marker = Assert.Single(lines, l => l.Stream == LogService.MarkerStream);
        Assert.Contains(markerWord, marker.Text);
        var at = lines.IndexOf(marker);
        var before = lines.Take(at).Select(l => l.Text).ToList();
        var after = lines.Skip(at + 1).Select(l => l.Text).ToList();
        Assert.Equal($"{first}term", before[^1]);
        Assert.Equal(Enumerable.Range(1, before.Count - 1).Select(i => $"{first}{i}"), before.Take(before.Count - 1));
        Assert.True(after.Count >= 20, $"{after.Count} lines after the marker");
        Assert.Equal(Enumerable.Range(1, after.Count).Select(i => $"{second}{i}"), after);
    }
}
