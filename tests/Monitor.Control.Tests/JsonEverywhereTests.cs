using System.CommandLine;
using System.Text.Json;
using Monitor.Control.Cli;

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
            ("container remove", ["container", "remove", container, "--server", "local", "--force"]),
            ("history", ["history"]),
            ("history show", ["history", "show", record]),
        };
        var leaves = Leaves(CliApp.Build(TextWriter.Null, TextWriter.Null), "").ToList();
        Assert.Empty(leaves.Except(cases.Select(c => c.Verb).Append("serve")));

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
