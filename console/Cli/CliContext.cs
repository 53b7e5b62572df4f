using System.CommandLine;
using Monitor.Control.Agents;
using Monitor.Control.Composition;
using Monitor.Control.Config;
using Monitor.Control.Services;
using Monitor.Shared.Config;

namespace Monitor.Control.Cli;

/// <summary>One verb's run: its parse result, writers, config and services, and the error-to-exit-code mapping.</summary>
public sealed class CliContext
{
    private readonly GlobalOptions _global;

    private CliContext(ParseResult parse, GlobalOptions global, CliSettings settings)
    {
        Parse = parse; _global = global; Settings = settings;
        Output = new CliOutput(settings.Out, parse.GetValue(global.Json));
    }

    public ParseResult Parse { get; }
    public CliSettings Settings { get; }
    public CliOutput Output { get; }
    public TextWriter Error => Settings.Error;
    public bool Json => Output.Json;
    public string ConfigPath => ConfigPaths.Resolve(Parse.GetValue(_global.Config));

    public MonitorConfig LoadConfig() => MonitorConfigLoader.Load(ConfigPath);

    public async Task<MonitorServices> OpenServicesAsync(CancellationToken ct) =>
        await MonitorServicesFactory.OpenAsync(LoadConfig(), ConfigPath, Settings.AgentOptions, ct).ConfigureAwait(false);

    /// <summary>Refuses a state-changing verb under --read-only.</summary>
    public void RequireWritable(string verb)
    {
        if (Parse.GetValue(_global.ReadOnly))
            throw new ReadOnlyRefusedException($"`monitor {verb}` changes state and monitor runs with --read-only; run it without --read-only to proceed");
    }

    /// <summary>Wraps a verb: every failure becomes one line on stderr and an exit code, never a stack trace.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Action(GlobalOptions global, CliSettings settings, Func<CliContext, CancellationToken, Task<int>> body) =>
        async (parse, ct) =>
        {
            var context = new CliContext(parse, global, settings);
            try
            {
                return await body(context, ct).ConfigureAwait(false);
            }
            catch (ConfigException ex) { return context.Fail(ex.Message, ExitCodes.Usage); }
            catch (ReadOnlyRefusedException ex) { return context.Fail(ex.Message, ExitCodes.Usage); }
            catch (UsageException ex) { return context.Fail(ex.Message, ExitCodes.Usage); }
            catch (OperationFailedException ex) { return context.Fail(ex.Message, ex.Code is "config" or "invalid_argument" ? ExitCodes.Usage : ExitCodes.Failed); }
            catch (AgentException ex) { return context.Fail(OperatorErrors.From(ex, parse.CommandResult.Command.Name).Message, ExitCodes.Failed); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return context.Fail("cancelled", ExitCodes.Failed); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or Monitor.Control.Store.StateStoreException or System.Data.Common.DbException)
            {
                return context.Fail($"{parse.CommandResult.Command.Name} failed: {ex.Message}", ExitCodes.Failed);
            }
        };

    public int Fail(string message, int exitCode)
    {
        Error.WriteLine("monitor: " + message.ReplaceLineEndings(" "));
        return exitCode;
    }
}
