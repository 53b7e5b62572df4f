using System.CommandLine;
using System.Text.Json;
using Monitor.Control.Cli;
using Monitor.TestSupport;

namespace Monitor.Control.Tests;

/// <summary>Every verb of the command tree takes --json and prints JSON: stdout on success (one document, or one per
/// line for streams), {"error":{...}} on stderr on failure (after the live step output, one JSON object per line). A verb added without a case here fails the test.</summary>
public sealed class JsonEverywhereTests
{
    [Fact]
    public async Task Every_verb_prints_json_with_json()
    {
        await using var docker = new DockerFixture();
        var container = await docker.RunAsync("sh", "-c", "echo hello; sleep 600");
        await using var console = await ConsoleHarness.StartAsync();
        var stack = $"mt-console-{Guid.NewGuid().ToString("N")[..8]}";
        await File.AppendAllTextAsync(console.ConfigPath, $"""

            [webhook]
            listen = "127.0.0.1:0"
            secret_env = "PATH"

            [[stacks]]
            name = "{stack}"
            image = "local/busybox:latest"
            [stacks.deploy]
            targets = ["local"]
            args = ["sh", "-c", "echo up; sleep 600"]
            """);
        var record = "1";
        var cases = new List<(string Verb, string[] Args)>
        {
            ("init", ["init"]),
            ("sync", ["sync"]),
            ("completion", ["completion", "bash"]),
            ("server add", ["server", "add", "other", "--url", "ws://127.0.0.1:9"]),
            ("server list", ["server", "list"]),
            ("server status", ["server", "status", "local"]),
            ("server remove", ["server", "remove", "other"]),
            ("container list", ["container", "list", "--server", "local"]),
            ("container stop", ["container", "stop", container, "--server", "local"]),
            ("container start", ["container", "start", container, "--server", "local"]),
            ("container restart", ["container", "restart", container, "--server", "local"]),
            ("logs", ["logs", container, "--server", "local", "--tail", "5"]),
            ("logs search", ["logs", "search", "hello", "--since", "1h"]),
            ("run", ["run", "--server", "local", "--", "echo", "hi"]),
            ("exec", ["exec", container, "--server", "local", "--", "echo", "inside"]),
            ("stack list", ["stack", "list"]),
            ("stack show", ["stack", "show", stack]),
            ("stack pull", ["stack", "pull", stack]),
            ("stack build", ["stack", "build", stack]),
            ("stack deploy", ["stack", "deploy", stack, "--wait"]),
            ("stack logs", ["stack", "logs", stack]),
            ("stack restart", ["stack", "restart", stack]),
            ("stack stop", ["stack", "stop", stack]),
            ("stack start", ["stack", "start", stack]),
            ("stack remove", ["stack", "remove", stack]),
            ("registry deploy", ["registry", "deploy", "--server", "nowhere"]),
            ("server trust", ["server", "trust", "local"]),
            ("container inspect", ["container", "inspect", container, "--server", "local"]),
            ("container stats", ["container", "stats", container, "--server", "local"]),
            ("container top", ["container", "top", container, "--server", "local"]),
            ("events", ["events", "--server", "local", "--since", "10m", "--until", DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString()]),
            ("system df", ["system", "df", "--server", "local"]),
            ("volume list", ["volume", "list", "--server", "local"]),
            ("volume inspect", ["volume", "inspect", "mt-console-no-such-volume", "--server", "local"]),
            ("volume remove", ["volume", "remove", "mt-console-no-such-volume", "--server", "local"]),
            ("volume prune", ["--read-only", "volume", "prune", "--server", "local"]),
            ("image list", ["image", "list", "--server", "local"]),
            ("image remove", ["image", "remove", "mt-console-no-such-image:0", "--server", "local"]),
            ("image prune", ["--read-only", "image", "prune", "--server", "local"]),
            ("network list", ["network", "list", "--server", "local"]),
            ("route list", ["route", "list"]),
            ("app list", ["app", "list", "--server", "local"]),
            ("app show", ["app", "show", "mt-no-such-app", "--server", "local"]),
            ("app start", ["app", "start", "mt-no-such-app", "--server", "local"]),
            ("app stop", ["app", "stop", "mt-no-such-app", "--server", "local"]),
            ("app restart", ["app", "restart", "mt-no-such-app", "--server", "local"]),
            ("app remove", ["app", "remove", "mt-no-such-app", "--server", "local"]),
            ("app logs", ["app", "logs", "mt-no-such-app", "--server", "local"]),
            ("app sync", ["app", "sync", "--dry-run"]),
            ("key rotate", ["--read-only", "key", "rotate"]),
            ("shell", ["--read-only", "shell", "local"]),
            ("container remove", ["container", "remove", container, "--server", "local", "--force"]),
            ("server top", ["server", "top", "local", "--limit", "3"]),
            ("server disks", ["server", "disks", "local"]),
            ("server volume format", ["server", "volume", "format", "local", "/dev/mt-no-such-disk"]),
            ("server volume mount", ["server", "volume", "mount", "local", "/dev/mt-no-such-disk", "--at", "/mnt/mt-none", "--yes"]),
            ("server bootstrap", ["server", "bootstrap", "mt-json-boot", "root@127.0.0.1:9", "--key", console.ConfigPath]),
            ("server volume unmount", ["server", "volume", "unmount", "local", "/dev/mt-no-such-disk", "--yes"]),
            ("server upgrade", ["server", "upgrade", "local", "--to", "/tmp/mt-upgrade-no-such-agent"]),
            ("server clone", ["server", "clone", "local", "mt-no-such-server"]),
            ("logfile list", ["logfile", "list", "--server", "local"]),
            ("logfile read", ["logfile", "read", "/tmp/mt-no-such_log_file", "--server", "local"]),
            ("metrics", ["metrics", "local", "--since", "1h"]),
            ("alert list", ["alert", "list"]),
            ("alert silence", ["alert", "silence", "local", "--for", "1m"]),
            ("device add", ["device", "add", "mt-json-device", "--interval", "2m"]),
            ("device list", ["device", "list"]),
            ("device remove", ["device", "remove", "mt-json-device"]),
            ("history", ["history"]),
            ("history show", ["history", "show", record]),
        };
        var leaves = Leaves(CliApp.Build(TextWriter.Null, TextWriter.Null), "").ToList();
        var missing = leaves.Except(cases.Select(c => c.Verb).Append("serve")).ToList();
        Assert.True(missing.Count == 0, "verbs without a --json case: " + string.Join(", ", missing));

        foreach (var (verb, args) in cases)
        {
            var result = await console.RunAsync(["--json", .. args]);
            var text = result.ExitCode == 0 ? result.Output : result.Error;
            Assert.False(string.IsNullOrWhiteSpace(text), $"`monitor {verb} --json` printed nothing (exit {result.ExitCode})");
            var documents = ParseAll(verb, text);
            if (result.ExitCode != 0) Assert.True(documents[^1].TryGetProperty("error", out _), $"{verb}: {text}");
        }

        // serve: its start-up line is JSON too.
        using var stop = new CancellationTokenSource();
        var output = new SignalingWriter();
        var serve = Task.Run(() => CliApp.RunAsync(["--config", console.ConfigPath, "--json", "serve"], output, new StringWriter(), stop.Token));
        var line = await output.FirstLine.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var listening = JsonDocument.Parse(line).RootElement;
        Assert.Equal("listening", listening.GetProperty("event").GetString());
        Assert.StartsWith("http://127.0.0.1:", listening.GetProperty("url").GetString());
        await stop.CancelAsync();
        Assert.Equal(0, await serve.WaitAsync(TimeSpan.FromSeconds(60)));

        // The published console is NativeAOT: what --json prints must come from source-generated metadata.
        Assert.True(Output.ReflectedTypes.IsEmpty, "printed by reflection (a NativeAOT console cannot): " +
            string.Join(", ", Output.ReflectedTypes.Keys.Select(t => t.FullName)) + "; add [JsonSerializable(typeof(...))] lines to console/Cli/CliJsonContext.cs");
    }

    private static List<JsonElement> ParseAll(string verb, string text)
    {
        try { return [JsonDocument.Parse(text).RootElement.Clone()]; }
        catch (JsonException)
        {
            // A stream: one document per line.
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l =>
            {
                try { return JsonDocument.Parse(l).RootElement.Clone(); }
                catch (JsonException e) { throw new Xunit.Sdk.XunitException($"`monitor {verb} --json` printed a line that is not JSON: {l} ({e.Message})"); }
            }).ToList();
        }
    }

    private static IEnumerable<string> Leaves(Command command, string prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            var name = (prefix + " " + sub.Name).Trim();
            if (sub.Action is not null) yield return name;
            foreach (var leaf in Leaves(sub, name)) yield return leaf;
        }
    }

    private sealed class SignalingWriter : StringWriter
    {
        public TaskCompletionSource<string> FirstLine { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            FirstLine.TrySetResult(value ?? "");
        }
    }
}
