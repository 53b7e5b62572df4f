using System.Globalization;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>Parses Docker-style port strings: "[HOST_IP:]HOST_PORT:CONTAINER_PORT[/tcp|/udp]".</summary>
public static class PortSpec
{
    public static PortPublish Parse(string text, string stack)
    {
        var protocol = "tcp";
        var body = text.Trim();
        var slash = body.IndexOf('/');
        if (slash >= 0) { protocol = body[(slash + 1)..]; body = body[..slash]; }
        var parts = body.Split(':');
        string? hostIp = null;
        if (parts.Length == 3) { hostIp = parts[0]; parts = parts[1..]; }
        if (parts.Length != 2 || protocol is not ("tcp" or "udp")
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var host) || host is < 1 or > 65535
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var container) || container is < 1 or > 65535)
            throw new OperationFailedException($"stack {stack}: port '{text}' is not valid; write [HOST_IP:]HOST_PORT:CONTAINER_PORT[/udp], e.g. 127.0.0.1:8080:80", "invalid_argument");
        return new PortPublish(container, host, hostIp, protocol);
    }
}
