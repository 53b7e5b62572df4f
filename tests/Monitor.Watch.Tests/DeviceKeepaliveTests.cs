using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Monitor.Control.Alerts;
using Monitor.Control.Devices;
using Monitor.Shared.Config;
using Monitor.TestSupport;

namespace Monitor.Watch.Tests;

/// <summary>Device keepalives: the real CLI adds a device (token shown once, curl line pointing at serve), a real
/// `monitor serve` answers POST /keepalive/NAME with 204 for the right token and 401 for a wrong, missing or unknown
/// one; a device_missed rule opens one alert (and one notification) when the device is silent past its interval and
/// its next keepalive resolves it. The evaluator part also runs with an injected clock.</summary>
public sealed class DeviceKeepaliveTests
{
    private sealed class Sink : IAlertSink
    {
        public List<AlertTransition> Changes { get; } = [];
        public Task ApplyAsync(AlertTransition change, CancellationToken ct) { Changes.Add(change); return Task.CompletedTask; }
    }

    [Fact]
    public async Task Serve_accepts_the_right_token_refuses_others_and_silence_opens_an_alert_that_a_keepalive_resolves()
    {
        using var receiver = new HttpReceiver();
        var port = FreePort.Next();
        var toml = $"""
            listen = "127.0.0.1:{port}"

            [watch]
            interval = "1s"
            lease_ttl = "3s"

            [[watch.rules]]
            name = "device-silent"
            kind = "device_missed"

            [[watch.channels]]
            name = "hook"
            type = "webhook"
            url_file = "hook.url"
            """;
        await using var harness = await ConsoleHarness.StartAsync(webhookSecret: true, extraToml: toml);
        await File.WriteAllTextAsync(Path.Combine(harness.Directory, "hook.url"), receiver.BaseUrl.TrimEnd('/') + "/hook\n");

        string token = "", url = "";
        using var http = new HttpClient();
        async Task<HttpStatusCode> PostAsync(string target, string? bearer, string? body = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target);
            if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        using var stop = new CancellationTokenSource();
        var log = new StringWriter();
        var serve = Task.Run(() => harness.RunAsync(["serve"], stop.Token, TextWriter.Synchronized(log)));
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                try { return (await http.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode; }
                catch (HttpRequestException) { return false; }
            }, "serve listens");

            // Added once serve runs, so the device is not already silent before its first keepalive.
            var added = await harness.JsonAsync("device", "add", "esp32-door", "--interval", "5s");
            token = added.GetProperty("token").GetString()!;
            url = added.GetProperty("url").GetString()!;
            Assert.Equal($"http://127.0.0.1:{port}/keepalive/esp32-door", url);
            Assert.Contains($"Bearer {token}", added.GetProperty("curl").GetString());
            Assert.Equal(5, added.GetProperty("interval").GetInt32());
            var twice = await harness.RunAsync("device", "add", "esp32-door");
            Assert.NotEqual(0, twice.ExitCode);
            Assert.Contains("already exists", twice.Error);
            Assert.DoesNotContain("   at ", twice.Error);
            var badName = await harness.RunAsync("device", "add", "no/slash");
            Assert.NotEqual(0, badName.ExitCode);
            Assert.Contains("not valid", badName.Error);


            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(url, "wrong-token"));
            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(url, null));
            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync($"http://127.0.0.1:{port}/keepalive/nobody", token));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(url, token, "{\"x\":\"" + new string('a', 5000) + "\"}"));
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(url, token, "{\"uptime\":42,\"rssi\":-61}"));

            var listed = (await harness.JsonAsync("device", "list"))[0];
            Assert.Equal("esp32-door", listed.GetProperty("name").GetString());
            Assert.Equal(JsonValueKind.String, listed.GetProperty("lastSeen").ValueKind);
            Assert.Equal(42, listed.GetProperty("state").GetProperty("uptime").GetInt32());

            // Silent past its 5 s interval: one alert opens and one notification goes out.
            await Eventually.HoldsAsync(async () => (await harness.JsonAsync("alert", "list", "--open")).GetArrayLength() == 1, "the silent device's alert opens", TimeSpan.FromSeconds(30));
            var open = (await harness.JsonAsync("alert", "list", "--open"))[0];
            Assert.Equal("device-silent", open.GetProperty("rule").GetString());
            Assert.Equal("esp32-door", open.GetProperty("server").GetString());
            Assert.Contains("device esp32-door is silent", open.GetProperty("message").GetString());
            await Eventually.HoldsAsync(() => receiver.At("/hook").Count >= 1, "the firing notification");
            var hook = JsonDocument.Parse(receiver.At("/hook")[0].Body).RootElement;
            Assert.Equal("firing", hook.GetProperty("status").GetString());
            Assert.Equal("device_missed", hook.GetProperty("kind").GetString());

            // The next keepalive resolves it, once.
            Assert.Equal(HttpStatusCode.NoContent, await PostAsync(url, token));
            await Eventually.HoldsAsync(async () => (await harness.JsonAsync("alert", "list", "--open")).GetArrayLength() == 0, "the keepalive resolves the alert");
            var all = await harness.JsonAsync("alert", "list");
            Assert.Equal(1, all.EnumerateArray().Count(a => a.TryGetProperty("resolved", out var r) && r.ValueKind == JsonValueKind.String));
            Assert.Equal(1, (await harness.JsonAsync("history", "--type", "alert.resolve")).GetArrayLength());

            var removed = await harness.JsonAsync("device", "remove", "esp32-door");
            Assert.True(removed.GetProperty("removed").GetBoolean());
            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(url, token));
            Assert.Equal(2, (await harness.JsonAsync("history", "--type", "device.add")).GetArrayLength()); // the second add failed
            Assert.Equal(1, (await harness.JsonAsync("history", "--type", "device.add", "--failed")).GetArrayLength());
            Assert.Equal(1, (await harness.JsonAsync("history", "--type", "device.remove")).GetArrayLength());
            var unknown = await harness.RunAsync("device", "remove", "esp32-door");
            Assert.NotEqual(0, unknown.ExitCode);
            Assert.Contains("unknown", unknown.Error);
        }
        finally
        {
            await stop.CancelAsync();
            var result = await serve;
            Assert.True(result.ExitCode == 0, $"serve exited {result.ExitCode}: {result.Error}\n{log}");
        }
    }

    [Fact]
    public async Task A_silent_device_opens_once_by_the_clock_a_keepalive_resolves_and_removal_resolves()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var rule = AlertRule.From(new AlertRuleConfig { Name = "silent", Kind = "device_missed" }, 0);
        var sink = new Sink();
        var evaluator = new AlertEvaluator([rule], _ => [], sink, clock);
        var device = new DeviceRecord { Name = "d1", TokenHash = DeviceTokens.Hash("t"), IntervalSeconds = 60, Added = clock.GetUtcNow() };

        clock.Advance(TimeSpan.FromSeconds(60));
        await evaluator.CheckDevicesAsync([device], CancellationToken.None);
        Assert.Empty(sink.Changes);                               // exactly the interval: not yet
        clock.Advance(TimeSpan.FromSeconds(1));
        await evaluator.CheckDevicesAsync([device], CancellationToken.None);
        await evaluator.CheckDevicesAsync([device], CancellationToken.None);
        Assert.Single(sink.Changes);
        Assert.True(sink.Changes[0].Opens);
        Assert.Equal("d1", sink.Changes[0].Server);
        Assert.Contains("no keepalive since it was added", sink.Changes[0].Message);

        var seen = device with { LastSeen = clock.GetUtcNow() };
        await evaluator.CheckDevicesAsync([seen], CancellationToken.None);
        Assert.Equal(2, sink.Changes.Count);
        Assert.False(sink.Changes[1].Opens);

        clock.Advance(TimeSpan.FromSeconds(61));
        await evaluator.CheckDevicesAsync([seen], CancellationToken.None);
        Assert.Equal(3, sink.Changes.Count);
        await evaluator.CheckDevicesAsync([], CancellationToken.None); // removed: what it had open resolves
        Assert.Equal(4, sink.Changes.Count);
        Assert.False(sink.Changes[3].Opens);
        Assert.Contains("removed", sink.Changes[3].Message);
    }

    [Fact]
    public void Tokens_match_only_themselves()
    {
        var token = DeviceTokens.New();
        var hash = DeviceTokens.Hash(token);
        Assert.Equal(64, token.Length);
        Assert.NotEqual(token, hash);
        Assert.True(DeviceTokens.Matches(token, hash));
        Assert.False(DeviceTokens.Matches(token + "x", hash));
        Assert.False(DeviceTokens.Matches(null, hash));
        Assert.NotEqual(DeviceTokens.New(), token);
    }
}
