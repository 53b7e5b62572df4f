namespace Monitor.Shared.Config;

/// <summary>[watch]: how `monitor serve` watches the fleet. Durations are text like "10s", "24h", "7d".</summary>
public sealed class WatchConfig
{
    /// <summary>How often each agent pushes a sample.</summary>
    public string Interval { get; set; } = "10s";
    /// <summary>How long a serve process holds a server without renewing before another takes it over.</summary>
    public string LeaseTtl { get; set; } = "30s";
    /// <summary>How long raw samples are kept.</summary>
    public string RawKeep { get; set; } = "24h";
    /// <summary>Downsampled tiers (mean and max per step), finest first.</summary>
    public List<HistoryTierConfig> Tiers { get; set; } = [new() { Step = "1m", Keep = "7d" }, new() { Step = "10m", Keep = "90d" }];
    /// <summary>[[watch.processes]]: processes the agents report alive or not.</summary>
    public List<ProcessCheckConfig> Processes { get; set; } = [];
    /// <summary>[[watch.rules]]: alert rules.</summary>
    public List<AlertRuleConfig> Rules { get; set; } = [];
    /// <summary>[[watch.channels]]: where alerts are sent.</summary>
    public List<NotificationChannelConfig> Channels { get; set; } = [];
}
