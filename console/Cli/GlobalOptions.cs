using System.CommandLine;

namespace Monitor.Control.Cli;

/// <summary>Options every verb accepts.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = "Path of monitor.toml (default: $MONITOR_CONFIG, else $XDG_CONFIG_HOME/monitor/monitor.toml)", Recursive = true };
    public Option<bool> ReadOnly { get; } = new("--read-only") { Description = "Refuse every verb that changes state", Recursive = true };
    public Option<bool> Json { get; } = new("--json") { Description = "Write machine-readable JSON to stdout", Recursive = true };

    public void AddTo(RootCommand root)
    {
        root.Add(Config);
        root.Add(ReadOnly);
        root.Add(Json);
    }
}
