using System.Text.Json;
using Monitor.Control.Services;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.DockerViews;

/// <summary>`monitor logs a b` and `monitor logs --stack NAME`: every line, tagged with its container, in time order.</summary>
public sealed class LogsOfSeveralContainersTests
{
    [Fact]
    public async Task Logs_of_two_containers_are_merged_in_time_order_with_their_source()
    {
        await using var docker = new DockerObjects();
        var a = await docker.RunAsync("a", ["sh", "-c", "for i in 1 2 3 4; do echo a$i; sleep 0.6; done"]);
        var b = await docker.RunAsync("b", ["sh", "-c", "for i in 1 2 3 4; do echo b$i; sleep 0.6; done"]);
        await using var console = await ConsoleHarness.StartAsync();
        await WaitExitedAsync(docker, a, b);

        var result = await console.RunAsync("--json", "logs", a, b, "--server", "local");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(8, lines.Count);
        var keys = lines.Select(l => LogTimeKey.Parse(l.GetProperty("timestamp").GetString())).ToList();
        Assert.Equal(keys.Order(), keys);
        Assert.Equal(["a1", "a2", "a3", "a4"], lines.Where(l => l.GetProperty("source").GetString() == a).Select(l => l.GetProperty("text").GetString()));
        Assert.Equal(["b1", "b2", "b3", "b4"], lines.Where(l => l.GetProperty("source").GetString() == b).Select(l => l.GetProperty("text").GetString()));
        Assert.NotEqual(["a", "a", "a", "a", "b", "b", "b", "b"], lines.Select(l => l.GetProperty("text").GetString()![..1])); // interleaved, not one after the other

        var text = await console.RunAsync("logs", a, b, "--server", "local");
        Assert.Contains($"{a} | a1", text.Output);
        Assert.Contains($"{b} | b4", text.Output);
    }

    [Fact]
    public async Task Logs_of_a_stack_show_every_container_labelled_with_it()
    {
        await using var docker = new DockerObjects();
        var stack = $"{docker.Prefix}-stack";
        var web = await docker.RunAsync("web", ["echo", "from web"], p => p.Labels = new Dictionary<string, string> { ["monitor.stack"] = stack });
        var db = await docker.RunAsync("db", ["echo", "from db"], p => p.Labels = new Dictionary<string, string> { ["com.docker.compose.project"] = stack });
        await docker.RunAsync("other", ["echo", "not in the stack"]);
        await using var console = await ConsoleHarness.StartAsync();
        await WaitExitedAsync(docker, web, db);

        var result = await console.RunAsync("logs", "--stack", stack, "--server", "local");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{web} | from web", result.Output);
        Assert.Contains($"{db}  | from db", result.Output);
        Assert.DoesNotContain("not in the stack", result.Output);

        var missing = await console.RunAsync("logs", "--stack", $"{docker.Prefix}-none", "--server", "local");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no container of stack", missing.Error);
    }

    private static async Task WaitExitedAsync(DockerObjects docker, params string[] names)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        foreach (var name in names)
            while ((await docker.Docker.Containers.InspectContainerAsync(name)).State.Running)
            {
                Assert.True(DateTimeOffset.UtcNow < deadline, $"{name} still runs");
                await Task.Delay(50);
            }
    }
}
