using System.Text.Json;
using Monitor.Control.Cli;
using Monitor.TestSupport;

namespace Monitor.Watch.Tests;

/// <summary>A console config made by `monitor init` with one server pointing at a real in-process agent; runs CLI
/// commands in-process and captures their output.</summary>
internal sealed class CliHarness : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    public TestAgent Agent { get; private set; } = null!;
    public string ConfigPath => _dir.File("monitor.toml");
    public string Directory => _dir.Path;

    public static async Task<CliHarness> StartAsync(string serverName = "local", string extraToml = "")
    {
        var harness = new CliHarness();
        Assert.Equal(0, (await harness.RunAsync("init")).ExitCode);
        // `monitor serve` refuses to start without a webhook secret.
        await File.WriteAllTextAsync(harness._dir.File("hook.secret"), "test-webhook-secret\n");
        await File.AppendAllTextAsync(harness.ConfigPath, "\n[webhook]\nsecret_file = \"hook.secret\"\n" + extraToml + "\n");
        harness.Agent = await TestAgent.StartAsync();
        await File.AppendAllTextAsync(harness.Agent.Config.AuthorizedKeys, File.ReadAllLines(harness._dir.File("console_key.pem.pub"))[0] + "\n");
        var add = await harness.RunAsync("server", "add", serverName, "--url", harness.Agent.Url.ToString().TrimEnd('/'));
        Assert.True(add.ExitCode == 0, add.Error);
        return harness;
    }

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => await RunAsync(args, CancellationToken.None);

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, CancellationToken ct, TextWriter? live = null)
    {
        var output = live ?? new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["--config", ConfigPath, .. args], output, error, ct);
        return (code, output.ToString()!, error.ToString());
    }

    public async Task<JsonElement> JsonAsync(params string[] args)
    {
        var result = await RunAsync(["--json", .. args]);
        Assert.True(result.ExitCode == 0, $"monitor {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        if (Agent is not null) await Agent.DisposeAsync();
        _dir.Dispose();
    }
}
