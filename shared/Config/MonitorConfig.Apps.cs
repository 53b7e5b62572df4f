namespace Monitor.Shared.Config;

public sealed partial class MonitorConfig
{
    /// <summary>[[apps]]: supervised programs applied to their servers' agents by `monitor sync`.</summary>
    public List<AppConfig> Apps { get; set; } = [];
}
