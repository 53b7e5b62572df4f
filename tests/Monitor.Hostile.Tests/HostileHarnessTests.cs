using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Monitor.Agent.Tests.Support;
using Monitor.Control.Webhooks;
using Monitor.Hostile.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;
using Xunit.Abstractions;

namespace Monitor.Hostile.Tests;

/// <summary>The hostile-input harness against the real agent and `monitor serve` processes: fuzz frames on
/// authenticated and unauthenticated connections, the connection floods with a legitimate console calling throughout,
/// injection names, and webhook faults. Counts come from HOSTILE_* variables (scripts/bench/hostile.sh sets the long
/// form); without them it is the short form CI runs in seconds.</summary>
public sealed class HostileHarnessTests(ITestOutputHelper output)
{
    private const int MaxFrameBytes = 256 * 1024;
    private static readonly string[] InjectionNames =
        ["web\n", "web\r\n", "web\u001b]0;owned\u0007", "a\0b", "../../etc", "-rf", "a b", new string('a', 300), "evil\u202Etxt.exe", "", "web\u0085"];

    private static int Setting(string name, int shortForm) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : shortForm;

    [Fact]
    public async Task Hostile_harness_keeps_agent_and_serve_answering()
    {
        var frames = Setting("HOSTILE_FRAMES", 3_000);
        var floodSeconds = Setting("HOSTILE_FLOOD_SECONDS", 3);
        var webhooks = Setting("HOSTILE_WEBHOOKS", 40);
        var report = new List<string>();

        // Its own process (published agent): the test reads its RSS and what it logs. Plain ws://: the fuzzers speak raw frames.
        await using var agent = await TestAgent.StartOutOfProcessAsync(c => { c.Tls = false; c.MaxFrameBytes = MaxFrameBytes; });
        await using var serve = await ServeProcess.StartAsync();
        var console = new LegitimateConsole(agent.Url, agent.ConsoleKey);
        await console.CallAsync();
        var rssBefore = agent.Process!.ResidentBytes();

        using var stop = new CancellationTokenSource();
        var calling = Task.Run(async () => { while (!stop.IsCancellationRequested) await console.CallAsync(); });

        // 1. Fuzz: 90 % on 6 authenticated connections, 10 % one frame per unauthenticated connection.
        using var fuzzAuthenticated = LoopbackAlias.Invoker(IPAddress.Parse("127.0.0.3"));
        using var fuzzStrangers = LoopbackAlias.Invoker(IPAddress.Parse("127.0.0.4"));
        var fuzz = new FuzzConnection(fuzzAuthenticated);
        var strangers = new FuzzConnection(fuzzStrangers);
        var unauthenticated = frames / 10;
        var authenticated = frames - unauthenticated;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => fuzz.RunAuthenticatedAsync(agent.Url, agent.ConsoleKey, new FuzzFrames(i, MaxFrameBytes), authenticated / 6 + (i == 0 ? authenticated % 6 : 0), 100 + i))
            .Concat(Enumerable.Range(0, 4).Select(i => strangers.RunUnauthenticatedAsync(agent.Url, new FuzzFrames(50 + i, MaxFrameBytes), unauthenticated / 4 + (i == 0 ? unauthenticated % 4 : 0), 200 + i))));
        report.Add($"fuzz frames sent: {fuzz.Sent + strangers.Sent} in {clock.Elapsed.TotalSeconds:0.0} s; authenticated: {fuzz.Sent} frames on {fuzz.Connections} connections " +
                   $"({fuzz.ErrorsReceived} answer frames back, {fuzz.ClosedByAgent} closed by the agent, {fuzz.RefusedReconnects} reconnects refused); unauthenticated: {strangers.Sent} frames on {strangers.Connections} connections " +
                   $"({strangers.ClosedByAgent} closed or refused by the agent)");

        // 2. Floods: 500 WebSockets that never authenticate + 200 slow-header connections from 127.0.0.2.
        var callsBeforeFlood = console.Calls;
        await using (var flood = new ConnectionFlood(IPAddress.Parse("127.0.0.2"), agent.Url.Port, 500, 200))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (flood.Opened < 700 && DateTime.UtcNow < deadline) await Task.Delay(20);
            var until = DateTime.UtcNow.AddSeconds(floodSeconds);
            while (DateTime.UtcNow < until || console.Calls - callsBeforeFlood < 10) await Task.Delay(100); // the flood's duration, not a wait for a result
            report.Add($"flood: {flood.Opened} stranger connections opened, {flood.Upgraded} upgraded, {flood.Dropped} closed or refused by the agent, over {floodSeconds} s");
        }
        await stop.CancelAsync();
        await calling;
        report.Add($"legitimate console (connect + auth + agent.info) throughout: {console.Succeeded}/{console.Calls} succeeded " +
                   $"({100.0 * console.Succeeded / Math.Max(1, console.Calls):0.0} %), median {console.Percentile(50):0} ms, p99 {console.Percentile(99):0} ms");

        // 3. Injection names through every kind of entry point on an authenticated connection.
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey))
        {
            foreach (var name in InjectionNames)
            {
                foreach (var answer in new[]
                {
                    await client.FinalAsync(AgentMethods.ContainerStart, new ContainerRef(name)),
                    await client.FinalAsync(AgentMethods.ContainerInspect, new ContainerRef(name)),
                    await client.FinalAsync(AgentMethods.GitSync, new GitSyncRequest(name, "/nonexistent", "main")),
                    await client.FinalAsync(AgentMethods.ImageBuild, new ImageBuildRequest(name, "Dockerfile", ["mt-hostile:1"])),
                    await client.FinalAsync(AgentMethods.ComposeDown, new ComposeRequest(name, InlineYaml: "services: {}\n")),
                    await client.FinalAsync(AgentMethods.ContainerRun, new ContainerRunSpec(name, "local/busybox:latest")),
                })
                {
                    var code = answer.Error?.Code ?? "ok";
                    codes[code] = codes.GetValueOrDefault(code) + 1;
                }
            }
        }
        report.Add($"injection names: {InjectionNames.Length} names x 6 methods → " + string.Join(", ", codes.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")));

        // 4. Webhook faults against `monitor serve`.
        var statuses = await WebhookFaultsAsync(serve, webhooks);
        report.Add("webhooks: " + string.Join("; ", statuses.Select(s => $"{s.Key}: {string.Join(", ", s.Value.GroupBy(v => v).Select(g => $"{g.Count()}x {g.Key}"))}")));

        var rssAfter = agent.Process!.ResidentBytes();
        var alive = new LegitimateConsole(agent.Url, agent.ConsoleKey);
        await alive.CallAsync();
        report.Add($"agent RSS: {rssBefore / 1048576.0:0.0} MiB before, {rssAfter / 1048576.0:0.0} MiB after; agent log lines: {agent.Process!.Lines.Count}; serve log lines: {serve.Lines.Count}");

        report.AddRange(agent.Process!.Lines.Where(l => l.Contains("refused", StringComparison.Ordinal)).Take(12).Select(l => "agent log: " + l));
        foreach (var line in report) output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("HOSTILE_REPORT") is { Length: > 0 } path) await File.WriteAllLinesAsync(path, report);

        Assert.Equal(1, alive.Succeeded);
        Assert.Empty(console.Failures);
        Assert.True(fuzz.Sent + strangers.Sent >= frames * 9 / 10, $"only {fuzz.Sent + strangers.Sent} of {frames} fuzz frames were sent");
        Assert.True(fuzz.ErrorsReceived > 0);
        Assert.False(codes.ContainsKey("ok") || codes.ContainsKey(ErrorCodes.Internal), "an injection name was accepted or failed inside the agent: " + string.Join(", ", codes));
        Assert.All(statuses["bad signature"], s => Assert.Equal(401, s));
        Assert.All(statuses["unsigned, unknown stack"], s => Assert.Equal(401, s));
        Assert.All(statuses["invalid UTF-8, signed"], s => Assert.Equal(400, s));
        Assert.Equal([202, 200], statuses["same delivery twice"]);
        Assert.DoesNotContain(agent.Process!.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(serve.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.False(serve.HasExited);
    }

    private static async Task<Dictionary<string, List<int>>> WebhookFaultsAsync(ServeProcess serve, int count)
    {
        using var http = new HttpClient();
        var statuses = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        async Task SendAsync(string what, string stack, byte[] body, string delivery, string? secret)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, serve.Url(stack)) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-GitHub-Event", "push");
            request.Headers.Add("X-GitHub-Delivery", delivery);
            if (secret is not null) request.Headers.Add("X-Hub-Signature-256", "sha256=" + HmacSignature.ComputeHex(secret, body));
            using var response = await http.SendAsync(request);
            (statuses.TryGetValue(what, out var list) ? list : statuses[what] = []).Add((int)response.StatusCode);
        }
        static byte[] Push(string branch, string commit) => Encoding.UTF8.GetBytes($$"""{"ref":"refs/heads/{{branch}}","after":"{{commit}}"}""");
        var commit = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
        for (var i = 0; i < count; i++) await SendAsync("bad signature", "web", Push("main", commit), $"bad-{i}", "guessed-" + i);
        for (var i = 0; i < count / 4 + 1; i++) await SendAsync("unsigned, unknown stack", "stack-" + i, Push("main", commit), $"unknown-{i}", null);
        var broken = Push("ma\u00ffin", commit);
        broken[Array.IndexOf(broken, (byte)0xC3)] = 0xFF; // ÿ's lead byte → an invalid sequence
        for (var i = 0; i < count / 4 + 1; i++) await SendAsync("invalid UTF-8, signed", "web", broken, $"utf8-{i}", ServeProcess.Secret);
        await SendAsync("same delivery twice", "web", Push("feature", commit), "twice", ServeProcess.Secret);
        await SendAsync("same delivery twice", "web", Push("feature", commit), "twice", ServeProcess.Secret);
        return statuses;
    }
}
