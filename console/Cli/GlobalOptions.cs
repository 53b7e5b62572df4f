using System.CommandLine;

namespace Monitor.Control.Cli;

public static class GlobalOptions
{
    public static readonly Option<string?> Config = new("--config") { Description = "Config file (default: $MONITOR_CONFIG, else ~/.config/monitor/monitor.toml)", Recursive = true };
    public static readonly Option<bool> Json = new("--json") { Description = "Print JSON for scripts", Recursive = true };
    public static readonly Option<bool> ReadOnly = new("--read-only") { Description = "Refuse every action that changes state", Recursive = true };
    public static readonly Option<string> Server = new("--server", "-s") { Description = "Server name (see `monitor server list`)", Required = true };
}
