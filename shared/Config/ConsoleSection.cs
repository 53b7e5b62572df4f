namespace Monitor.Shared.Config;

/// <summary>[console]: where state lives and which key proves this console to agents. Relative paths are
/// relative to the config file's directory.</summary>
public sealed class ConsoleSection
{
    /// <summary>"sqlite" (default, embedded) or "postgres" (shared by many consoles).</summary>
    public string Store { get; set; } = "sqlite";
    public string SqlitePath { get; set; } = "monitor.db";
    /// <summary>Npgsql connection string when store = "postgres".</summary>
    public string? Postgres { get; set; }
    public string KeyFile { get; set; } = "console_key.pem";
    /// <summary>Name recorded in the history; default the OS user running the console.</summary>
    public string? User { get; set; }
}
