namespace Monitor.Shared.Config;

/// <summary>[[servers]]: a managed server declared in monitor.toml (applied to the store by `monitor sync`
/// and at start-up).</summary>
public sealed class ServerConfig
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public string? Description { get; set; }
    public List<string> Tags { get; set; } = [];
    /// <summary>[logs] keep entries for this server only (container, app:NAME, logfile:PATTERN, stack:NAME).</summary>
    public List<string> KeepLogs { get; set; } = [];
}
