using Monitor.TestSupport;

namespace Monitor.Control.Tests;

/// <summary>Stacks the way an operator drives them: declared in monitor.toml, `monitor sync`, `monitor stack deploy
/// --wait` through the real composition (SQLite store, a real agent, real git and Docker).</summary>
public sealed class StackCliEndToEndTests
{
    private static Dictionary<string, string> Site(string content, string healthCheck) => new()
    {
        ["Dockerfile"] = $"FROM {TestImages.Busybox}\nCOPY www /www\nHEALTHCHECK --interval=1s --timeout=2s --retries=2 CMD {healthCheck}\n" +
                         "CMD [\"httpd\",\"-f\",\"-p\",\"8080\",\"-h\",\"/www\"]\n",
        ["www/index.html"] = content,
    };

    [Fact]
    public async Task Deploy_wait_streams_every_step_waits_for_the_health_check_and_rolls_back_an_unhealthy_version_with_exit_code_1()
    {
        await using var console = await ConsoleHarness.StartAsync();
        using var docker = DockerCleanup.Client();
        var name = DockerCleanup.Prefix("cli");
        using var repo = new GitRepoFixture();
        try
        {
            repo.Commit("healthy", Site("healthy v1", "test -f /www/index.html"));
            var port = FreePort.Next();
            await File.AppendAllTextAsync(console.ConfigPath, $"""

                [[stacks]]
                name = "{name}"
                [stacks.repo]
                url = "{repo.Path}"
                [stacks.build]
                server = "local"
                [stacks.deploy]
                targets = ["local"]
                ports = ["127.0.0.1:{port}:8080"]
                start_timeout_seconds = 30
                """);
            var sync = await console.RunAsync("sync");
            Assert.True(sync.ExitCode == 0, sync.Error);
            Assert.Contains($"+ stack {name}", sync.Output);

            var first = await console.RunAsync("stack", "deploy", name, "--wait");
            Assert.True(first.ExitCode == 0, first.Error + first.Output);
            Assert.Contains("[pull local] cloned main at", first.Output);
            Assert.Contains("[build local]", first.Output);
            Assert.Contains("running and healthy", first.Output);
            Assert.Contains($"{name}: deployed {name}:0.0.1 (version 0.0.1)", first.Output);
            Assert.Contains("healthy v1", await HttpProbe.WaitForAsync($"http://127.0.0.1:{port}/", "healthy v1"));

            repo.Commit("never healthy", Site("unhealthy v2", "false"));
            var second = await console.RunAsync("stack", "deploy", name, "--wait");
            Assert.Equal(1, second.ExitCode);
            Assert.Contains("is unhealthy", second.Error);
            Assert.Contains("rolled back", second.Output);
            Assert.Contains($"{name}: deploy failed (history #", second.Output);
            Assert.DoesNotContain("   at ", second.Error);
            Assert.Contains("healthy v1", await HttpProbe.WaitForAsync($"http://127.0.0.1:{port}/", "healthy v1"));

            var deploys = await console.JsonAsync("history", "--stack", name, "--type", "stack.deploy");
            Assert.Equal([false, true], deploys.EnumerateArray().Select(d => d.GetProperty("success").GetBoolean()));
            Assert.Equal(["0.0.2", "0.0.1"], deploys.EnumerateArray().Select(d => d.GetProperty("result").GetProperty("version").GetString()));
        }
        finally
        {
            await DockerCleanup.RemoveAsync(docker, name);
        }
    }
}
