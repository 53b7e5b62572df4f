using Monitor.TestSupport;

namespace Monitor.Watch.Tests;

/// <summary>The real CLI: `monitor serve` with a [watch] section records a real agent's samples; `monitor metrics`
/// reads them back; `monitor server top` lists the host's processes; bad input is a clear error.</summary>
public sealed class ServeWatchEndToEndTests
{
    [Fact]
    public async Task Serve_records_history_that_metrics_shows_and_server_top_lists_processes()
    {
        await using var harness = await ConsoleHarness.StartAsync(webhookSecret: true, extraToml: "[watch]\ninterval = \"1s\"\nlease_ttl = \"3s\"");
        using var stop = new CancellationTokenSource();
        var log = new StringWriter();
        var serve = Task.Run(() => harness.RunAsync(["serve", "--listen", $"127.0.0.1:{FreePort.Next()}"], stop.Token, TextWriter.Synchronized(log)));
        try
        {
            await Eventually.HoldsAsync(async () =>
                (await harness.JsonAsync("metrics", "local", "--since", "1h", "--step", "1s")).GetProperty("points").GetArrayLength() >= 3,
                "three recorded host points", TimeSpan.FromSeconds(60));
            var json = await harness.JsonAsync("metrics", "local", "--since", "1h", "--step", "1s");
            Assert.Equal(0, json.GetProperty("tier").GetInt32());
            var point = json.GetProperty("points")[0];
            Assert.InRange(point.GetProperty("memory").GetDouble(), 0.1, 100);
            Assert.True(point.GetProperty("disk").GetDouble() > 0);

            var table = await harness.RunAsync("metrics", "local", "--since", "1h");
            Assert.Equal(0, table.ExitCode);
            Assert.Contains("host local:", table.Output);
            Assert.Contains("CPU%", table.Output);

            var top = await harness.JsonAsync("server", "top", "local", "--limit", "3", "--sort", "memory");
            Assert.Equal(3, top.GetProperty("processes").GetArrayLength());

            var bad = await harness.RunAsync("metrics", "local", "--since", "yesterday");
            Assert.NotEqual(0, bad.ExitCode);
            Assert.Contains("--since 'yesterday' is not a duration", bad.Error);
            Assert.DoesNotContain("   at ", bad.Error);
            var unknown = await harness.RunAsync("metrics", "nope");
            Assert.NotEqual(0, unknown.ExitCode);
            Assert.Contains("nope", unknown.Error);
        }
        finally
        {
            await stop.CancelAsync();
            var result = await serve;
            Assert.True(result.ExitCode == 0, $"serve exited {result.ExitCode}: {result.Error}\n{log}");
        }
        Assert.Contains("watching the fleet every 1s", log.ToString());
    }
}
