using System.Text.Json;
using Monitor.Control.Cli;
using Monitor.TestSupport;

namespace Monitor.Control.Tests;

/// <summary>A console with its own config dir (made by `monitor init`), pointed at a real in-process agent.
/// Runs CLI commands in-process and captures their output.</summary>
internal sealed class ConsoleHarness : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    public TestAgent Agent { get; private set; } = null!;
    public string ConfigPath => _dir.File("monitor.toml");

    public static async Task<ConsoleHarness> StartAsync(string serverName = "local", Action<Monitor.Shared.Config.AgentConfig>? configureAgent = null)
    {
        var harness = new ConsoleHarness();
        var init = await harness.RunAsync("init");
        Assert.Equal(0, init.ExitCode);
        var keyLine = File.ReadAllLines(harness._dir.File("console_key.pem.pub"))[0];
        harness.Agent = await TestAgent.StartAsync(configureAgent);
        await File.AppendAllTextAsync(harness.Agent.Config.AuthorizedKeys, keyLine + "\n");
        Assert.Equal(0, (await harness.RunAsync("server", "add", serverName, "--url", harness.Agent.Url.ToString().TrimEnd('/'))).ExitCode);
        return harness;
    }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["--config", ConfigPath, .. args], output, error);
        return new CliResult(code, output.ToString(), error.ToString());
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

internal sealed record CliResult(int ExitCode, string Output, string Error);
