using System.CommandLine;
using Monitor.Control.Composition;
using Monitor.Control.Services;
using Monitor.Control.Stacks;
using Monitor.Shared.Config;

namespace Monitor.Control.Cli;

/// <summary>What every command's action gets: the parse result, the output writers, and the services (opened on first use).</summary>
public sealed class CliContext(ParseResult parse, TextWriter output, TextWriter error) : IAsyncDisposable
{
    private MonitorServices? _services;

    public ParseResult Parse => parse;
    public TextWriter Out => output;
    public TextWriter Err => error;
    public bool Json => parse.GetValue(GlobalOptions.Json);
    public bool ReadOnly => parse.GetValue(GlobalOptions.ReadOnly);
    public string ConfigPath => ConsolePaths.ResolveConfigPath(parse.GetValue(GlobalOptions.Config));

    public async Task<MonitorServices> ServicesAsync(CancellationToken ct) =>
        _services ??= await MonitorServicesFactory.OpenAsync(ConfigPath, ct: ct).ConfigureAwait(false);

    /// <summary>The stack service of the composed console.</summary>
    public async Task<IStackService> StacksAsync(CancellationToken ct) =>
        (await ServicesAsync(ct).ConfigureAwait(false)).Stacks
        ?? throw new OperationFailedException("this console was composed without the stack service", "config");

    /// <summary>monitor.toml (or another file given to the verb), loaded and checked; nothing is written.</summary>
    public MonitorConfig LoadConfig(string? file = null) =>
        MonitorServicesFactory.LoadConfig(file is null ? ConfigPath : Path.GetFullPath(file));

    /// <summary>Refuses a state-changing verb in read-only mode (exit 2).</summary>
    public void RequireWritable(string verb)
    {
        if (ReadOnly)
            throw new OperationFailedException($"`monitor {verb}` changes state and this console runs with --read-only; run it without --read-only to proceed", "read_only");
    }

    /// <summary>Live step output, one "[step server] text" line each, on stdout (stderr chunks on stderr); with --json
    /// one JSON object per chunk on stderr ({step, server, stream, text}) so stdout holds only the JSON result.</summary>
    public IProgress<StackOutput> Live() => new LiveOutput(Out, Err, Json);

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class LiveOutput(TextWriter stdout, TextWriter stderr, bool json) : IProgress<StackOutput>
    {
        private readonly object _gate = new();

        public void Report(StackOutput value)
        {
            lock (_gate)
            {
                if (json) { stderr.WriteLine(Output.JsonLine(value)); return; }
                var text = value.Text.EndsWith('\n') ? value.Text[..^1] : value.Text;
                var prefix = value.Server is null ? $"[{value.Step}] " : $"[{value.Step} {value.Server}] ";
                foreach (var line in text.Split('\n'))
                    (value.Stream == "stderr" ? stderr : stdout).WriteLine(prefix + line);
            }
        }
    }
}
