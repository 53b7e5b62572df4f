using System.Net;
using System.Net.Sockets;

namespace Monitor.Shared.Net;

/// <summary>The address clients should use for a server bound to <c>address</c>: the port the OS gave (for port 0),
/// and loopback instead of a wildcard address.</summary>
public static class ListenUri
{
    public static Uri From(string scheme, IPAddress address, int listenPort, string? boundAddress)
    {
        var port = boundAddress is not null ? new Uri(boundAddress).Port : listenPort;
        var host = address.Equals(IPAddress.Any) ? "127.0.0.1"
            : address.Equals(IPAddress.IPv6Any) ? "[::1]"
            : address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]"
            : address.ToString();
        return new Uri($"{scheme}://{host}:{port}");
    }
}
