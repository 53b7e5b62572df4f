namespace Monitor.Control.LogSearch;

/// <summary>A concrete kept source on a server: a container (<paramref name="Value"/> its name, with its stack when
/// labelled), a supervised app (its name) or a log file (<paramref name="Value"/> its path). <see cref="Name"/> is what lines record as their source.</summary>
public sealed record LogSource(LogKeepKind Kind, string Value, string? Stack = null)
{
    public string Name => Kind switch { LogKeepKind.LogFile => "logfile:" + Value, LogKeepKind.App => "app:" + Value, _ => Value };
}
