using System.CommandLine;
using Monitor.Control.Agents;
using Monitor.Control.Composition;
using Monitor.Control.Services;
using Monitor.Control.Stacks;
using Monitor.Shared.Config;

namespace Monitor.Control.Cli;

/// <summary>What the stack, sync and registry verbs need from the CLI host: the stack service (opened per verb,
/// disposed after), the config loader, and the writers. Failures become one line on stderr and an exit code.</summary>
public sealed record StackCliHost(
    Func<ParseResult, CancellationToken, Task<(IStackService Stacks, IAsyncDisposable Scope)>> OpenAsync,
    Func<ParseResult, string?, MonitorConfig> LoadConfig,
    Func<ParseResult, bool> ReadOnly,
    TextWriter Out,
    TextWriter Error)
{
    /// <summary>The host of the real CLI: --config, --read-only and the composition of monitor.toml.</summary>
    public static StackCliHost ForCli(TextWriter output, TextWriter error) => new(
        async (parse, ct) =>
        {
            var path = ConsolePaths.ResolveConfigPath(parse.GetValue(GlobalOptions.Config));
            var services = await MonitorServicesFactory.OpenAsync(path, ct: ct).ConfigureAwait(false);
            if (services.Stacks is { } stacks) return (stacks, services);
            await services.DisposeAsync().ConfigureAwait(false);
            throw new OperationFailedException("this console was composed without the stack service", "config");
        },
        (parse, file) => MonitorServicesFactory.LoadConfig(file ?? ConsolePaths.ResolveConfigPath(parse.GetValue(GlobalOptions.Config))),
        parse => parse.GetValue(GlobalOptions.ReadOnly),
        output, error);

    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>Runs a verb body with the stack service; maps failures to exit codes (no stack traces).</summary>
    public async Task<int> RunAsync(ParseResult parse, string verb, bool changesState, Func<IStackService, Task<int>> body, CancellationToken ct)
    {
        if (changesState && ReadOnly(parse))
            return Fail($"`monitor {verb}` changes state and monitor runs with --read-only; run it without --read-only to proceed", Usage);
        try
        {
            var (stacks, scope) = await OpenAsync(parse, ct).ConfigureAwait(false);
            await using (scope.ConfigureAwait(false))
                return await body(stacks).ConfigureAwait(false);
        }
        catch (ConfigException ex) { return Fail(ex.Message, Usage); }
        catch (OperationFailedException ex) { return Fail(ex.Message, ex.Code is "invalid_argument" or "config" ? Usage : Failed); }
        catch (AgentException ex) { return Fail($"{verb} failed: {ex.Message}", Failed); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { return Fail($"{verb} cancelled", Failed); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Fail($"{verb} failed: {ex.Message}", Failed);
        }
    }

    public int Fail(string message, int code)
    {
        Error.WriteLine("monitor: " + message.ReplaceLineEndings(" "));
        return code;
    }

    /// <summary>Live output writer: each chunk as "[step server] text" on stdout/stderr.</summary>
    public IProgress<StackOutput> Live() => new LiveOutput(this);

    private sealed class LiveOutput(StackCliHost host) : IProgress<StackOutput>
    {
        private readonly object _gate = new();
        public void Report(StackOutput value)
        {
            var text = value.Text.EndsWith('\n') ? value.Text[..^1] : value.Text;
            var prefix = value.Server is null ? $"[{value.Step}] " : $"[{value.Step} {value.Server}] ";
            lock (_gate)
                foreach (var line in text.Split('\n'))
                    (value.Stream == "stderr" ? host.Error : host.Out).WriteLine(prefix + line);
        }
    }
}
