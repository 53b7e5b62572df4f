using Monitor.TestSupport;

namespace Monitor.Watch.Tests;

/// <summary>deploy_failed through the real CLI, serve watcher and agent: a deploy that really fails (its image does
/// not exist) opens one alert for the stack; the next successful deploy of that stack resolves it once; a rule scoped
/// to another stack stays quiet.</summary>
public sealed class DeployFailedAlertTests
{
    [Fact]
    public async Task A_failed_deploy_opens_one_alert_and_the_next_successful_deploy_of_the_stack_resolves_it()
    {
        using var receiver = new HttpReceiver();
        var docker = DockerCleanup.Client();
        var stack = DockerCleanup.Prefix("watch");
        var toml = $$"""
            [watch]
            interval = "1s"
            lease_ttl = "3s"

            [[watch.rules]]
            name = "deploy-broken"
            kind = "deploy_failed"
            stacks = ["{{stack}}"]

            [[watch.rules]]
            name = "other-stack"
            kind = "deploy_failed"
            stacks = ["{{stack}}-other"]

            [[watch.channels]]
            name = "hook"
            type = "webhook"
            url_file = "hook.url"

            [[stacks]]
            name = "{{stack}}"
            image = "IMAGE"
            [stacks.deploy]
            targets = ["local"]
            args = ["sleep", "600"]
            start_timeout_seconds = 30

            """;
        await using var harness = await ConsoleHarness.StartAsync(webhookSecret: true, extraToml: toml.Replace("IMAGE", $"local/{stack}-missing:1"));
        await File.WriteAllTextAsync(Path.Combine(harness.Directory, "hook.url"), receiver.BaseUrl + "hook\n");
        Assert.Equal(0, (await harness.RunAsync("sync")).ExitCode);

        using var stop = new CancellationTokenSource();
        var log = new StringWriter();
        var serve = Task.Run(() => harness.RunAsync(["serve", "--listen", $"127.0.0.1:{FreePort.Next()}"], stop.Token, TextWriter.Synchronized(log)));
        try
        {
            var failed = await harness.RunAsync("stack", "deploy", stack, "--wait");
            Assert.NotEqual(0, failed.ExitCode);
            await Eventually.HoldsAsync(async () => (await harness.JsonAsync("alert", "list", "--open")).GetArrayLength() == 1, "the failed deploy opens an alert");
            var open = (await harness.JsonAsync("alert", "list", "--open"))[0];
            Assert.Equal("deploy-broken", open.GetProperty("rule").GetString());
            Assert.Equal("deploy_failed", open.GetProperty("kind").GetString());
            Assert.Equal(stack, open.GetProperty("subject").GetString());
            Assert.Equal("local", open.GetProperty("server").GetString());
            Assert.Contains($"deploy of stack {stack} failed", open.GetProperty("message").GetString());
            await Eventually.HoldsAsync(() => receiver.At("/hook").Count == 1, "one firing notification");

            // Fixed: the right image, synced and deployed again.
            var config = await File.ReadAllTextAsync(harness.ConfigPath);
            await File.WriteAllTextAsync(harness.ConfigPath, config.Replace($"local/{stack}-missing:1", TestImages.Busybox));
            var sync = await harness.RunAsync("sync");
            Assert.True(sync.ExitCode == 0, sync.Error);
            var deployed = await harness.RunAsync("stack", "deploy", stack, "--wait");
            Assert.True(deployed.ExitCode == 0, deployed.Error + deployed.Output);
            await Eventually.HoldsAsync(async () => (await harness.JsonAsync("alert", "list", "--open")).GetArrayLength() == 0, "the successful deploy resolves it");
            await Eventually.HoldsAsync(() => receiver.At("/hook").Count == 2, "one resolved notification");
            Assert.Contains("\"status\":\"resolved\"", receiver.At("/hook")[1].Body);
            Assert.Equal(1, (await harness.JsonAsync("alert", "list")).GetArrayLength());
            Assert.Equal(1, (await harness.JsonAsync("history", "--type", "alert.open")).GetArrayLength());
            Assert.Equal(1, (await harness.JsonAsync("history", "--type", "alert.resolve")).GetArrayLength());
        }
        finally
        {
            await stop.CancelAsync();
            var result = await serve;
            await DockerCleanup.RemoveAsync(docker, stack);
            docker.Dispose();
            Assert.True(result.ExitCode == 0, $"serve exited {result.ExitCode}: {result.Error}\n{log}");
        }
    }
}
