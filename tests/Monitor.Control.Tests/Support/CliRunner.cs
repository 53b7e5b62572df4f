using System.Text.Json;
using Monitor.Control.Agents;
using Monitor.Control.Cli;

namespace Monitor.Control.Tests.Support;

/// <summary>Runs the real CLI in-process against one config file, capturing stdout, stderr and the exit code.</summary>
public sealed class CliRunner(string configPath)
{
    public string ConfigPath { get; } = configPath;

    public AgentClientOptions AgentOptions { get; init; } = new() { ConnectWait = TimeSpan.FromSeconds(5) };

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(args, CancellationToken.None);

    public async Task<CliResult> RunAsync(string[] args, CancellationToken ct)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var settings = new CliSettings(TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr)) { AgentOptions = AgentOptions };
        var code = await CliApp.RunAsync(["--config", ConfigPath, .. args], settings, ct);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
