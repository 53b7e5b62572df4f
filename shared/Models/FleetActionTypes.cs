namespace Monitor.Shared.Models;

/// <summary>Action types of the fleet area (trust, keys, shells, upgrades, volumes).</summary>
public static class FleetActionTypes
{
    /// <summary>A wss:// agent's certificate pinned on first use (by `server add` or the first connection).</summary>
    public const string ServerPin = "server.pin";
    /// <summary>An operator accepted an agent's new certificate (`monitor server trust`).</summary>
    public const string ServerTrust = "server.trust";
    /// <summary>`monitor key rotate`: a new console key rolled out to every agent, the old one retired.</summary>
    public const string KeyRotate = "key.rotate";
    /// <summary>An interactive shell on a server's host (`monitor shell`); start and end give its duration.</summary>
    public const string HostShell = "host.shell";
    /// <summary>`monitor server upgrade`: a new agent build sent, swapped in and restarted (one action per server).</summary>
    public const string ServerUpgrade = "server.upgrade";
    /// <summary>`monitor server clone`: SOURCE's stacks and standalone containers deployed to TARGET.</summary>
    public const string ServerClone = "server.clone";
    /// <summary>`monitor server bootstrap`: agent installed over SSH, started, pinned and registered; output = the steps.</summary>
    public const string ServerBootstrap = "server.bootstrap";
}
