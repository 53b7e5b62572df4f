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
    /// <summary>Caddy's admin API (routes are applied through it); empty turns routes off.</summary>
    public string CaddyAdmin { get; set; } = "http://127.0.0.1:2019";
    /// <summary>Address Caddy's route servers bind ("" = every address).</summary>
    public string RouteListenHost { get; set; } = "";
    public int RouteHttpPort { get; set; } = 80;
    public int RouteHttpsPort { get; set; } = 443;
    /// <summary>How often the agent checks that Caddy still serves its routes (re-applies after a Caddy restart).</summary>
    public int RouteCheckSeconds { get; set; } = 5;
    /// <summary>Supervised apps get cgroups under this path of each controller (/sys/fs/cgroup/[CONTROLLER/]APPS_CGROUP/APP).</summary>
    public string AppsCgroup { get; set; } = "monitor-agent";
    /// <summary>Directories searched for app log files (on the host and, for logfile.* with a container, inside it).</summary>
    public List<string> LogFileDirs { get; set; } = ["/tmp"];
    /// <summary>File name pattern of app log files in those directories (* and ? wildcards).</summary>
    public string LogFilePattern { get; set; } = "*_log_*";
    /// <summary>Serve wss:// with a certificate made at first start (the default). false serves plain ws://.</summary>
    public bool Tls { get; set; } = true;
    /// <summary>PEM certificate; empty means work_dir/tls/agent.crt (made at first start when missing).</summary>
    public string TlsCertFile { get; set; } = "";
    /// <summary>PEM private key; empty means work_dir/tls/agent.key (made at first start when missing, mode 0600).</summary>
    public string TlsKeyFile { get; set; } = "";
    /// <summary>Seconds a new connection has to authenticate (strangers hold a slot this long).</summary>
    public int AuthTimeoutSeconds { get; set; } = 2;
    /// <summary>Connections not yet authenticated, overall and per remote address (IPv6: per /64); consoles have their own max_connections.</summary>
    public int MaxUnauthenticated { get; set; } = 128;
    public int MaxUnauthenticatedPerAddress { get; set; } = 16;
    /// <summary>The fstab `monitor server volume mount --fstab` appends to.</summary>
    public string Fstab { get; set; } = "/etc/fstab";
}
