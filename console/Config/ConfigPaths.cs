namespace Monitor.Control.Config;

/// <summary>Where monitor.toml lives: --config PATH, else $MONITOR_CONFIG, else $XDG_CONFIG_HOME/monitor/monitor.toml
/// (default ~/.config/monitor/monitor.toml).</summary>
public static class ConfigPaths
{
    public const string EnvironmentVariable = "MONITOR_CONFIG";

    public static string Resolve(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return Path.GetFullPath(explicitPath);
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return Path.GetFullPath(fromEnv);
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var baseDir = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(baseDir, "monitor", "monitor.toml");
    }

    /// <summary>Resolves a path from the config relative to the config file's directory.</summary>
    public static string RelativeToConfig(string configPath, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, path));
}
