namespace Monitor.Shared.Config;

public sealed partial class MonitorConfig
{
    /// <summary>[watch]: the watcher in `monitor serve` (metric history, alerts, notifications, process checks).</summary>
    public WatchConfig? Watch { get; set; }
}
