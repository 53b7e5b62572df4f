namespace Monitor.Control.Fleet;

/// <summary>What `monitor server bootstrap` was asked to do (see <see cref="BootstrapService"/>).</summary>
public sealed record BootstrapRequest(string Name, BootstrapTarget Target)
{
    /// <summary>SSH private key files to offer; empty: ~/.ssh/id_ed25519, id_ecdsa, id_rsa (those that exist).</summary>
    public IReadOnlyList<string> KeyFiles { get; init; } = [];
    /// <summary>Run the install steps with `sudo -n` (a non-root login with passwordless sudo).</summary>
    public bool Sudo { get; init; }
    /// <summary>The host key's expected SHA256:... fingerprint (checked instead of known_hosts when the host is not there).</summary>
    public string? HostKey { get; init; }
    /// <summary>Accept and record an unknown host key (never a changed one).</summary>
    public bool AcceptNew { get; init; }
    /// <summary>The agent build: a single executable or a directory copied as a unit; null: the default build.</summary>
    public string? AgentBuild { get; init; }
    /// <summary>The agent's listen address on the host (ADDR:PORT).</summary>
    public string Listen { get; init; } = "0.0.0.0:8120";
    /// <summary>Install under this directory instead of / (DIR/usr/local/bin, DIR/etc/monitor-agent, DIR/var/lib/monitor-agent).</summary>
    public string? Prefix { get; init; }
    public string? Description { get; init; }
}
