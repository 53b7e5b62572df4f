namespace Monitor.Shared.Config;

/// <summary>[stacks.deploy]: where and how the stack's container runs.</summary>
public sealed class StackDeployConfig
{
    public List<string> Targets { get; set; } = [];
    /// <summary>Default the stack name.</summary>
    public string? ContainerName { get; set; }
    /// <summary>"[HOST_IP:]HOST_PORT:CONTAINER_PORT[/udp]".</summary>
    public List<string> Ports { get; set; } = [];
    /// <summary>Per-target overrides (container name, ports), keyed by server name.</summary>
    public Dictionary<string, StackTargetOverride> Overrides { get; set; } = [];
    /// <summary>"SOURCE:TARGET[:ro]".</summary>
    public List<string> Volumes { get; set; } = [];
    public string? Network { get; set; }
    /// <summary>no | always | unless-stopped | on-failure.</summary>
    public string Restart { get; set; } = "unless-stopped";
    public Dictionary<string, string> Env { get; set; } = [];
    /// <summary>Container env var → console env var holding the secret value (never shown or recorded).</summary>
    public Dictionary<string, string> SecretEnv { get; set; } = [];
    public Dictionary<string, string> Labels { get; set; } = [];
    /// <summary>e.g. "256m", "1g".</summary>
    public string? Memory { get; set; }
    public double? Cpus { get; set; }
    /// <summary>Command and args placed after the image.</summary>
    public List<string> Args { get; set; } = [];
    public int LogTail { get; set; } = 100;
    /// <summary>How long a new container has to come up (running, healthy when it has a health check).</summary>
    public int StartTimeoutSeconds { get; set; } = 60;
    /// <summary>replace (stop old, start new) or blue-green (new beside old, route switched when healthy); default
    /// blue-green for a stack with a route and no fixed host ports, else replace.</summary>
    public string? Strategy { get; set; }
    /// <summary>Blue-green: how long the old container keeps running after the switch (in-flight requests finish).</summary>
    public int DrainSeconds { get; set; } = 5;
}
