namespace Monitor.Shared.Config;

/// <summary>monitor-agent's TOML config (agent.toml). Every key can be overridden by MONITOR_AGENT_&lt;KEY&gt;
/// (e.g. MONITOR_AGENT_LISTEN=0.0.0.0:8120); list values in env are comma-separated.</summary>
public sealed class AgentConfig
{
    /// <summary>host:port to bind.</summary>
    public string Listen { get; set; } = "127.0.0.1:8120";
    /// <summary>File of console public keys allowed in (see Security/AuthorizedKeys).</summary>
    public string AuthorizedKeys { get; set; } = "/etc/monitor-agent/authorized_keys";
    /// <summary>CIDRs allowed to connect; empty means any address.</summary>
    public List<string> AllowedIps { get; set; } = [];
    public string DockerSocket { get; set; } = "unix:///var/run/docker.sock";
    /// <summary>Where repos are cloned and builds run; file operations stay inside it.</summary>
    public string WorkDir { get; set; } = "/var/lib/monitor-agent";
    public int MaxFrameBytes { get; set; } = 4 * 1024 * 1024;
    public int MaxOpenStreams { get; set; } = 64;
    public int MaxConnections { get; set; } = 32;
    /// <summary>Requests per second per connection before rate_limited errors.</summary>
    public int MaxRequestsPerSecond { get; set; } = 200;
    public int RequestTimeoutSeconds { get; set; } = 60;
    /// <summary>Seconds a new connection has to authenticate (strangers hold a slot this long).</summary>
    public int AuthTimeoutSeconds { get; set; } = 2;
    /// <summary>Connections not yet authenticated, overall and per remote address (IPv6: per /64); consoles have their own max_connections.</summary>
    public int MaxUnauthenticated { get; set; } = 128;
    public int MaxUnauthenticatedPerAddress { get; set; } = 16;
}
