using Monitor.Shared.Config;

namespace Monitor.Control.Alerts;

/// <summary>A checked [[watch.rules]] entry.</summary>
public sealed record AlertRule(
    string Name,
    string Kind,
    double? Warning,
    double? Critical,
    TimeSpan For,
    double Hysteresis,
    string? Mount,
    int Restarts,
    TimeSpan Window,
    AlertSeverity Severity,
    IReadOnlyList<string> Servers,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Stacks,
    IReadOnlyList<string> Containers)
{
    public static readonly IReadOnlyList<string> ThresholdKinds = ["cpu", "memory", "disk", "temperature", "load", "container_cpu"];
    public static readonly IReadOnlyList<string> Kinds =
        [.. ThresholdKinds, "unreachable", "container_stopped", "container_unhealthy", "restart_loop", "process", "device_missed", "deploy_failed"];

    public bool IsThreshold => ThresholdKinds.Contains(Kind);

    /// <summary>Checks one rule; the message names the rule and how to fix it.</summary>
    public static AlertRule From(AlertRuleConfig c, int index)
    {
        var where = $"[[watch.rules]] #{index + 1}{(string.IsNullOrWhiteSpace(c.Name) ? "" : $" ({c.Name})")}";
        if (string.IsNullOrWhiteSpace(c.Name)) throw new FormatException($"{where}: give the rule a name");
        if (!Kinds.Contains(c.Kind)) throw new FormatException($"{where}: kind '{c.Kind}' is unknown; use one of {string.Join(", ", Kinds)}");
        var threshold = ThresholdKinds.Contains(c.Kind);
        if (threshold && c.Warning is null && c.Critical is null) throw new FormatException($"{where}: a {c.Kind} rule needs warning and/or critical");
        if (threshold && c.Warning is { } w && c.Critical is { } cr && w > cr) throw new FormatException($"{where}: warning ({w}) must not be above critical ({cr})");
        if (c.Hysteresis < 0) throw new FormatException($"{where}: hysteresis must be 0 or more");
        if (c.Restarts < 1) throw new FormatException($"{where}: restarts must be 1 or more");
        var severity = c.Severity switch
        {
            "warning" => AlertSeverity.Warning,
            "critical" => AlertSeverity.Critical,
            _ => throw new FormatException($"{where}: severity '{c.Severity}' is unknown; use warning or critical"),
        };
        var forTime = c.For is "0" or "0s" ? TimeSpan.Zero : DurationText.Parse(c.For, $"{where} for");
        return new AlertRule(c.Name, c.Kind, c.Warning, c.Critical, forTime, c.Hysteresis, c.Mount, c.Restarts,
            DurationText.Parse(c.Window, $"{where} window"), severity, c.Servers, c.Tags, c.Stacks, c.Containers);
    }

    public bool AppliesTo(string server, IReadOnlyList<string> serverTags) =>
        (Servers.Count == 0 || Servers.Contains(server)) && (Tags.Count == 0 || Tags.Any(serverTags.Contains));

    /// <summary>Container scope: by name, and by stack (the compose project or monitor stack label).</summary>
    public bool AppliesToContainer(string name, IReadOnlyDictionary<string, string>? labels)
    {
        if (Containers.Count > 0 && !Containers.Contains(name)) return false;
        if (Stacks.Count == 0) return true;
        return labels is not null && Stacks.Any(s =>
            (labels.TryGetValue("com.docker.compose.project", out var p) && p == s) || (labels.TryGetValue("monitor.stack", out var m) && m == s));
    }
}
