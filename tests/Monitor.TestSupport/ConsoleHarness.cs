using System.Text.Json;
using Monitor.Control.Cli;
using Monitor.Shared.Config;
using Xunit;

namespace Monitor.TestSupport;

/// <summary>A console with its own config dir (made by `monitor init`) and one server pointing at a real
/// <see cref="TestAgent"/> (published or in-process, as the environment picks) that trusts the console's key. Runs CLI
/// commands in-process and captures their output.</summary>
public sealed class ConsoleHarness : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    public TestAgent Agent { get; private set; } = null!;
    public string ConfigPath => _dir.File("monitor.toml");
    public string Directory => _dir.Path;

    /// <param name="serverName">The name the agent is added under.</param>
    /// <param name="configureAgent">Changes to the agent's config before it starts.</param>
    /// <param name="extraToml">Appended to monitor.toml before the server is added.</param>
    /// <param name="webhookSecret">Adds a [webhook] secret_file (`monitor serve` refuses to start without one).</param>
    public static async Task<ConsoleHarness> StartAsync(string serverName = "local", Action<AgentConfig>? configureAgent = null,
        string extraToml = "", bool webhookSecret = false)
    {
        var harness = new ConsoleHarness();
        try
        {
            var init = await harness.RunAsync("init");
            Assert.True(init.ExitCode == 0, init.Error);
            if (webhookSecret)
            {
                await File.WriteAllTextAsync(harness._dir.File("hook.secret"), "test-webhook-secret\n");
                await File.AppendAllTextAsync(harness.ConfigPath, "\n[webhook]\nsecret_file = \"hook.secret\"\n");
            }
            if (extraToml.Length > 0) await File.AppendAllTextAsync(harness.ConfigPath, "\n" + extraToml + "\n");
            harness.Agent = await TestAgent.StartAsync(configureAgent);
            await File.AppendAllTextAsync(harness.Agent.Config.AuthorizedKeys, File.ReadAllLines(harness._dir.File("console_key.pem.pub"))[0] + "\n");
            var add = await harness.RunAsync("server", "add", serverName, "--url", harness.Agent.Url.ToString().TrimEnd('/'));
            Assert.True(add.ExitCode == 0, add.Error);
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(args, CancellationToken.None);

    /// <param name="live">Receives stdout as it is written (e.g. `monitor serve`); the result's Output is then its text.</param>
    public async Task<CliResult> RunAsync(string[] args, CancellationToken ct, TextWriter? live = null)
    {
        var output = live ?? new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["--config", ConfigPath, .. args], output, error, ct);
        return new CliResult(code, output.ToString()!, error.ToString());
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
