namespace Monitor.Shared.Config;

/// <summary>[[watch.rules]]: one alert rule. <see cref="Kind"/> is one of cpu, memory, disk, temperature, load
/// (thresholds held for <see cref="For"/>), unreachable, container_stopped, container_unhealthy, restart_loop, device_missed,
/// deploy_failed, process, device. Scoped by servers, tags and stacks (empty = everything).</summary>
public sealed class AlertRuleConfig
{
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary>Thresholds (percent for cpu/memory/disk, °C for temperature, load average for load).</summary>
    public double? Warning { get; set; }
    public double? Critical { get; set; }
    /// <summary>How long the condition must hold before the alert opens (and be clear before it resolves).</summary>
    public string For { get; set; } = "0s";
    /// <summary>How far below the threshold a value must fall to count as clear (default 5 units).</summary>
    public double Hysteresis { get; set; } = 5;
    /// <summary>disk: the mount to watch (default: every mount).</summary>
    public string? Mount { get; set; }
    /// <summary>restart_loop: this many restarts within <see cref="Window"/>.</summary>
    public int Restarts { get; set; } = 3;
    public string Window { get; set; } = "10m";
    /// <summary>Severity of kinds without thresholds (warning or critical).</summary>
    public string Severity { get; set; } = "critical";
    public List<string> Servers { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public List<string> Stacks { get; set; } = [];
    /// <summary>Container names the rule covers (empty = all).</summary>
    public List<string> Containers { get; set; } = [];
}
