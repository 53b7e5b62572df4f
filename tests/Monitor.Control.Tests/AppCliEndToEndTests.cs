using System.Text.Json;
using Monitor.TestSupport;

namespace Monitor.Control.Tests;

/// <summary>`monitor sync` applies [[apps]] to a real agent; `monitor app ...` drives the real processes; every action is
/// in the history, secret values nowhere.</summary>
public sealed class AppCliEndToEndTests
{
    [Fact]
    public async Task Sync_applies_apps_and_the_app_verbs_drive_them_with_every_action_recorded()
    {
        var cgroup = $"mt-apps-{Guid.NewGuid():N}"[..16];
        Environment.SetEnvironmentVariable("MT_APPS_CLI_TOKEN", "very-secret-value");
        await using var console = await ConsoleHarness.StartAsync(configureAgent: c => c.AppsCgroup = cgroup);
        try
        {
            await File.AppendAllTextAsync(console.ConfigPath, """

                [[apps]]
                name = "ticker"
                servers = ["local"]
                command = ["sh", "-c", "echo started with $MODE; while true; do echo tick; sleep 0.2; done"]
                env = { MODE = "demo" }
                secret_env = { TOKEN = "MT_APPS_CLI_TOKEN" }
                memory = "64m"
                cpus = 0.5
                stop_timeout_seconds = 5
                """);

            var sync = await console.RunAsync("sync");
            Assert.True(sync.ExitCode == 0, sync.Error);
            Assert.Contains("app ticker on local: created", sync.Output);
            var again = await console.RunAsync("sync");
            Assert.Contains("app ticker on local: unchanged", again.Output);

            var list = await console.JsonAsync("app", "list", "--server", "local");
            var row = Assert.Single(list.EnumerateArray());
            Assert.Equal("ticker", row.GetProperty("name").GetString());
            Assert.Equal("running", row.GetProperty("state").GetString());
            Assert.Equal(64 * 1024 * 1024, row.GetProperty("memoryLimitBytes").GetInt64());

            var show = await console.RunAsync("app", "show", "ticker", "--server", "local");
            Assert.Contains("secret env: TOKEN=***", show.Output);
            Assert.DoesNotContain("very-secret-value", show.Output);

            var deadline = DateTime.UtcNow.AddSeconds(30);
            CliResult logs;
            while (!(logs = await console.RunAsync("app", "logs", "ticker", "--server", "local", "--tail", "50")).Output.Contains("started with demo", StringComparison.Ordinal))
            {
                Assert.True(DateTime.UtcNow < deadline, "the app's output did not reach `monitor app logs`: " + logs.Output + logs.Error);
                await Task.Delay(100);
            }

            var stopped = await console.JsonAsync("app", "stop", "ticker", "--server", "local");
            Assert.Equal("stopped", stopped.GetProperty("state").GetString());
            var started = await console.JsonAsync("app", "start", "ticker", "--server", "local");
            Assert.Equal("running", started.GetProperty("state").GetString());
            Assert.Equal(0, (await console.RunAsync("app", "restart", "ticker", "--server", "local")).ExitCode);

            var missing = await console.RunAsync("app", "stop", "nope", "--server", "local");
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("no app 'nope'", missing.Error);
            Assert.DoesNotContain("   at ", missing.Error);

            Assert.Equal(0, (await console.RunAsync("app", "remove", "ticker", "--server", "local")).ExitCode);
            Assert.Empty((await console.JsonAsync("app", "list", "--server", "local")).EnumerateArray());

            var history = await console.JsonAsync("history", "--server", "local");
            var types = history.EnumerateArray().Select(r => r.GetProperty("type").GetString()).ToList();
            Assert.Equal(["app.remove", "app.stop", "app.restart", "app.start", "app.stop", "app.apply", "app.apply"], types.Take(7));
            Assert.DoesNotContain("very-secret-value", history.GetRawText());
        }
        finally
        {
            await console.Agent.StopAsync();
            foreach (var c in new[] { "memory", "cpu", "cpuacct", "pids" })
            {
                var root = Path.Combine("/sys/fs/cgroup", c, cgroup);
                if (!Directory.Exists(root)) continue;
                foreach (var dir in Directory.GetDirectories(root)) Directory.Delete(dir);
                Directory.Delete(root);
            }
        }
    }
}
