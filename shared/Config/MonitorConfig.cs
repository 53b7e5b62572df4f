namespace Monitor.Shared.Config;

/// <summary>The console's monitor.toml. Partial: each area adds its own sections in its own file
/// (MonitorConfig.Stacks.cs adds [[stacks]] and [registry]; MonitorConfig.Webhook.cs adds [webhook]).</summary>
public sealed partial class MonitorConfig
{
    public ConsoleSection Console { get; set; } = new();
    public List<ServerConfig> Servers { get; set; } = [];
}
