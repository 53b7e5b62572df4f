namespace Monitor.Control.Composition;

/// <summary>Where the console's config lives: --config, else MONITOR_CONFIG, else $XDG_CONFIG_HOME/monitor/monitor.toml
/// (default ~/.config/monitor/monitor.toml). Relative paths inside the config are relative to its directory.</summary>
public static class ConsolePaths
{
    public static string ResolveConfigPath(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option)) return Path.GetFullPath(option);
        if (Environment.GetEnvironmentVariable("MONITOR_CONFIG") is { Length: > 0 } env) return Path.GetFullPath(env);
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var baseDir = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config") : xdg;
        return Path.Combine(baseDir, "monitor", "monitor.toml");
    }

    public static string RelativeTo(string configPath, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(configPath)!, path));
}
