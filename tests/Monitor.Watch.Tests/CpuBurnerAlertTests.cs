using System.Diagnostics;
using System.Text.Json;
using Docker.DotNet.Models;
using Monitor.TestSupport;

namespace Monitor.Watch.Tests;

/// <summary>A CPU threshold held by a real burner (a busy shell loop in a busybox container) through the real agent,
/// serve watcher and store: the alert opens once while it burns (the value hovering near the threshold does not flap
/// thanks to the hysteresis band), and stopping the loop resolves it once. The rule is on the container's CPU, not the
/// host's: on a shared 2-core machine other work keeps the host near 100 %, while the container's own CPU is the
/// burner's alone; the low threshold holds even when the burner gets only a small share of a busy machine.</summary>
public sealed class CpuBurnerAlertTests
{
    [Fact]
    public async Task A_real_cpu_burner_opens_one_alert_hovering_does_not_flap_and_stopping_it_resolves_it_once()
    {
        var docker = DockerCleanup.Client();
        var prefix = DockerCleanup.Prefix("watch");
        var burner = $"{prefix}-burn";
        await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = burner, Image = TestImages.Busybox, StopTimeout = TimeSpan.FromSeconds(1),
            HostConfig = new HostConfig { NetworkMode = "none" }, // a burner needs no network
            Cmd = ["sh", "-c", "while [ ! -e /tmp/stop ]; do :; done; exec sleep 600"],
        });
        var toml = $$"""
            [watch]
            interval = "1s"
            lease_ttl = "3s"

            [[watch.rules]]
            name = "cpu-burn"
            kind = "container_cpu"
            containers = ["{{burner}}"]
            warning = 5
            for = "2s"
            hysteresis = 4            # clear only below 1 % of a core

            """;
        await using var harness = await ConsoleHarness.StartAsync(webhookSecret: true, extraToml: toml);
        using var stop = new CancellationTokenSource();
        var log = new StringWriter();
        var serve = Task.Run(() => harness.RunAsync(["serve", "--listen", $"127.0.0.1:{FreePort.Next()}"], stop.Token, TextWriter.Synchronized(log)));
        try
        {
            await Eventually.HoldsAsync(async () => await Points(harness) >= 2, "the watcher records samples");
            Assert.Equal(0, await Opens(harness));

            await docker.Containers.StartContainerAsync(burner, new ContainerStartParameters());
            await Eventually.HoldsAsync(async () => await Opens(harness) == 1, "the burner opens the cpu alert", TimeSpan.FromMinutes(2));
            var open = (await harness.JsonAsync("alert", "list", "--open")).EnumerateArray().Single();
            Assert.Equal("cpu-burn", open.GetProperty("rule").GetString());
            Assert.Equal(burner, open.GetProperty("subject").GetString());
            Assert.Equal("warning", open.GetProperty("severity").GetString());
            Assert.Contains($"container {burner} CPU", open.GetProperty("message").GetString());

            // Hovering while it keeps burning: eight more samples arrive (awaited by count); the alert stays open and
            // does not open again.
            var seen = await Points(harness);
            await Eventually.HoldsAsync(async () => await Points(harness) >= seen + 8, "eight more samples while burning");
            Assert.Equal(1, await Opens(harness));
            Assert.Equal(0, await Resolves(harness));

            // The loop ends (the container keeps running, idle): its CPU drops below the band and the alert resolves once.
            await DockerExecAsync(burner, "sh", "-c", ": > /tmp/stop");
            await Eventually.HoldsAsync(async () => await Resolves(harness) == 1, "stopping the burner resolves the alert", TimeSpan.FromMinutes(2));
            Assert.Equal(0, (await harness.JsonAsync("alert", "list", "--open")).GetArrayLength());
            seen = await Points(harness);
            await Eventually.HoldsAsync(async () => await Points(harness) >= seen + 4, "four more samples while idle");
            Assert.Equal(1, await Opens(harness));
            Assert.Equal(1, await Resolves(harness));
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

    private static async Task DockerExecAsync(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", ["exec", .. args]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"docker exec {string.Join(' ', args)} exited {process.ExitCode}: {error}{await output}");
    }

    private static async Task<int> Points(ConsoleHarness harness) =>
        (await harness.JsonAsync("metrics", "local", "--since", "1h", "--step", "1s")).GetProperty("points").GetArrayLength();

    private static async Task<int> Opens(ConsoleHarness harness) => Count(await harness.JsonAsync("history", "--type", "alert.open"));
    private static async Task<int> Resolves(ConsoleHarness harness) => Count(await harness.JsonAsync("history", "--type", "alert.resolve"));
    private static int Count(JsonElement records) => records.EnumerateArray().Count(r => r.GetProperty("parameters").GetProperty("rule").GetString() == "cpu-burn");
}
