using System.Text.Json;
using Docker.DotNet.Models;
using Monitor.TestSupport;

namespace Monitor.Watch.Tests;

/// <summary>The real CLI and a real container: `monitor serve` watching an agent opens exactly one alert when the
/// container is killed and sends one notification per channel in each service's documented shape; the restart
/// resolves it once; a failing receiver gets retries and a recorded failure; a silenced server's alert opens
/// without notifications.</summary>
public sealed class AlertEndToEndTests
{
    [Fact]
    public async Task Killed_container_opens_one_alert_and_one_notification_per_channel_and_its_restart_resolves_it_once()
    {
        using var receiver = new HttpReceiver();
        var docker = DockerCleanup.Client();
        var prefix = DockerCleanup.Prefix("watch");
        var container = $"{prefix}-web";
        await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = container, Image = TestImages.Busybox, Cmd = ["sleep", "600"], StopTimeout = TimeSpan.FromSeconds(1),
        });
        await docker.Containers.StartContainerAsync(container, new ContainerStartParameters());

        var channels = new[] { ("slack", "/slack"), ("discord", "/discord"), ("ntfy", ""), ("webhook", "/hook"), ("webhook", "/fail") };
        var toml = $$"""
            [watch]
            interval = "1s"
            lease_ttl = "3s"

            [[watch.rules]]
            name = "web-down"
            kind = "container_stopped"
            containers = ["{{container}}"]

            """;
        var files = new List<(string, string)>();
        for (var i = 0; i < channels.Length; i++)
        {
            var (type, path) = channels[i];
            var name = path == "/fail" ? "broken" : type;
            files.Add(($"{name}.url", receiver.BaseUrl.TrimEnd('/') + path));
            toml += $"[[watch.channels]]\nname = \"{name}\"\ntype = \"{type}\"\nurl_file = \"{name}.url\"\n" +
                (type == "ntfy" ? "topic = \"alerts\"\n" : "") + (name == "broken" ? "attempts = 2\n" : "") + "\n";
        }
        await using var harness = await ConsoleHarness.StartAsync(webhookSecret: true, extraToml: toml);
        foreach (var (file, url) in files) await File.WriteAllTextAsync(Path.Combine(harness.Directory, file), url + "\n");

        using var stop = new CancellationTokenSource();
        var log = new StringWriter();
        var serve = Task.Run(() => harness.RunAsync(["serve", "--listen", $"127.0.0.1:{FreePort.Next()}"], stop.Token, TextWriter.Synchronized(log)));
        try
        {
            await Eventually.HoldsAsync(async () =>
                (await harness.JsonAsync("metrics", "local", "--since", "1h", "--step", "1s")).GetProperty("points").GetArrayLength() >= 2,
                "the watcher records samples");
            Assert.Empty(receiver.Requests);

            await docker.Containers.KillContainerAsync(container, new ContainerKillParameters());
            await Eventually.HoldsAsync(() => new[] { "/slack", "/discord", "/alerts", "/hook" }.All(p => receiver.At(p).Count >= 1) && receiver.At("/fail").Count >= 2,
                "a firing notification at every channel and two attempts at the failing one");

            var slack = JsonDocument.Parse(receiver.At("/slack")[0].Body).RootElement;
            Assert.Contains("[FIRING] critical: web-down on local", slack.GetProperty("text").GetString());
            Assert.Contains($"container {container} on local is exited", slack.GetProperty("text").GetString());
            var discord = JsonDocument.Parse(receiver.At("/discord")[0].Body).RootElement;
            Assert.Contains("web-down", discord.GetProperty("content").GetString());
            var ntfy = receiver.At("/alerts")[0];
            Assert.Equal("[FIRING] critical: web-down on local", ntfy.Headers["Title"]);
            Assert.Equal("urgent", ntfy.Headers["Priority"]);
            Assert.Contains(container, ntfy.Body);
            var hook = JsonDocument.Parse(receiver.At("/hook")[0].Body).RootElement;
            Assert.Equal("firing", hook.GetProperty("status").GetString());
            Assert.Equal("container_stopped", hook.GetProperty("kind").GetString());
            Assert.Equal(container, hook.GetProperty("subject").GetString());
            Assert.Equal("critical", hook.GetProperty("severity").GetString());

            var open = await harness.JsonAsync("alert", "list", "--open");
            Assert.Equal(1, open.GetArrayLength());
            Assert.Equal(container, open[0].GetProperty("subject").GetString());

            await docker.Containers.StartContainerAsync(container, new ContainerStartParameters());
            await Eventually.HoldsAsync(() => new[] { "/slack", "/discord", "/alerts", "/hook" }.All(p => receiver.At(p).Count >= 2) && receiver.At("/fail").Count >= 4,
                "a resolved notification at every channel");
            Assert.Equal("resolved", JsonDocument.Parse(receiver.At("/hook")[1].Body).RootElement.GetProperty("status").GetString());
            Assert.Contains("[RESOLVED]", JsonDocument.Parse(receiver.At("/slack")[1].Body).RootElement.GetProperty("text").GetString());
            Assert.Equal(0, (await harness.JsonAsync("alert", "list", "--open")).GetArrayLength());
            Assert.Equal(1, (await harness.JsonAsync("alert", "list")).GetArrayLength());

            // Failed deliveries are in the history with their attempts; alerts opening and resolving too.
            await Eventually.HoldsAsync(async () =>
                (await harness.JsonAsync("history", "--type", "notification.send", "--failed")).GetArrayLength() == 2, "two failed deliveries recorded");
            var failed = (await harness.JsonAsync("history", "--type", "notification.send", "--failed"))[0];
            Assert.Contains("gave up after 2 attempts", failed.GetProperty("error").GetString());
            Assert.Equal(1, (await harness.JsonAsync("history", "--type", "alert.open")).GetArrayLength());
            Assert.Equal(1, (await harness.JsonAsync("history", "--type", "alert.resolve")).GetArrayLength());

            // Silenced: the alert opens (and is listed as silenced) but nobody is notified.
            Assert.Equal(0, (await harness.RunAsync("alert", "silence", "local", "--for", "1h")).ExitCode);
            var before = receiver.Requests.Count;
            await docker.Containers.KillContainerAsync(container, new ContainerKillParameters());
            await Eventually.HoldsAsync(async () => (await harness.JsonAsync("alert", "list", "--open")).GetArrayLength() == 1, "the silenced alert opens");
            Assert.True((await harness.JsonAsync("alert", "list", "--open"))[0].GetProperty("silenced").GetBoolean());
            await Eventually.HoldsAsync(async () =>
                (await harness.JsonAsync("history", "--type", "alert.open")).GetArrayLength() == 2, "the silenced opening is recorded");
            Assert.Equal(before, receiver.Requests.Count);
        }
        finally
        {
            await stop.CancelAsync();
            var result = await serve;
            await DockerCleanup.RemoveAsync(docker, prefix);
            docker.Dispose();
            Assert.True(result.ExitCode == 0, $"serve exited {result.ExitCode}: {result.Error}\n{log}");
        }
    }
}
