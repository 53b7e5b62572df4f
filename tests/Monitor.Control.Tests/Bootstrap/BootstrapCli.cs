using System.Text.Json;
using Monitor.Control.Cli;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Bootstrap;

/// <summary>A console of its own (config, key, SQLite store made by `monitor init`) for bootstrap tests, running CLI
/// verbs in-process; and the agent build the tests install (this checkout's agent build output, a directory
/// copied as a unit: a framework-dependent build is fine on the namespace host, which shares this machine's .NET).</summary>
internal sealed class BootstrapCli : IDisposable
{
    private readonly TempDirectory _dir = new();

    public string ConfigPath => _dir.File("monitor.toml");
    public string KnownHosts => _dir.File("known_hosts");

    public static async Task<BootstrapCli> StartAsync()
    {
        var console = new BootstrapCli();
        Assert.Equal(0, (await console.RunAsync("init")).ExitCode);
        return console;
    }

    public static string AgentBuild { get; } = FindAgentBuild();

    public Task<CliResult> BootstrapAsync(NetnsHost host, string name, params string[] extra) =>
        RunAsync(["server", "bootstrap", name, host.Login, "--key", host.ClientKey, "--agent-file", AgentBuild, "--prefix", host.Prefix, .. extra]);

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["--config", ConfigPath, .. args], output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static JsonElement ErrorOf(CliResult result) =>
        JsonDocument.Parse(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement.GetProperty("error").Clone();

    public void Dispose() => _dir.Dispose();

    private static string FindAgentBuild()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = new DirectoryInfo(Path.Combine(dir.FullName, "agent", "bin"));
            if (!bin.Exists) continue;
            var build = bin.EnumerateFiles("monitor-agent", SearchOption.AllDirectories)
                .Where(f => f.Directory!.Name.StartsWith("net", StringComparison.Ordinal))
                .OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault();
            if (build is not null) return build.DirectoryName!;
        }
        throw new InvalidOperationException("no agent build (agent/bin/*/net*/monitor-agent) above " + AppContext.BaseDirectory);
    }
}
