namespace Monitor.Shared.Config;

/// <summary>[[apps]]: a program supervised by the agents of <see cref="Servers"/> (applied by `monitor sync`).</summary>
public sealed class AppConfig
{
    public string Name { get; set; } = "";
    public List<string> Servers { get; set; } = [];
    /// <summary>Program and arguments as a list, never a shell line.</summary>
    public List<string> Command { get; set; } = [];
    /// <summary>Absolute working directory on the server (default the app's directory under the agent's work_dir).</summary>
    public string? Cwd { get; set; }
    public Dictionary<string, string> Env { get; set; } = [];
    /// <summary>App env var → console env var holding the secret value (never shown or recorded).</summary>
    public Dictionary<string, string> SecretEnv { get; set; } = [];
    /// <summary>Run as this user (default root).</summary>
    public string? User { get; set; }
    /// <summary>always | on-failure | never.</summary>
    public string Restart { get; set; } = "on-failure";
    /// <summary>e.g. "256m"; over it the kernel kills the app.</summary>
    public string? Memory { get; set; }
    public double? Cpus { get; set; }
    public string StopSignal { get; set; } = "TERM";
    public int StopTimeoutSeconds { get; set; } = 10;
    /// <summary>The captured output is rotated beyond this size (3 old files kept).</summary>
    public long LogMaxBytes { get; set; } = 10 * 1024 * 1024;
}
