using System.CommandLine;
using Monitor.Control.Composition;

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

    /// <summary>Refuses a state-changing verb in read-only mode.</summary>
    public void RequireWritable(string verb)
    {
        if (ReadOnly) throw new Services.OperationFailedException($"`{verb}` changes state and this console runs with --read-only", "read_only");
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync().ConfigureAwait(false);
    }
}
