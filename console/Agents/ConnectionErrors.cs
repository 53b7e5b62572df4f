using System.Net.Sockets;
using System.Security.Authentication;

namespace Monitor.Control.Agents;

/// <summary>Turns transport exceptions into one sentence an operator can act on.</summary>
internal static class ConnectionErrors
{
    public static string Describe(Uri url, Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => $"cannot reach {url}: connection refused; is monitor-agent running and listening there?",
                    SocketError.HostNotFound or SocketError.NoData => $"cannot reach {url}: host not found; check the server's url",
                    SocketError.TimedOut => $"cannot reach {url}: connection timed out; check the network and firewall",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"cannot reach {url}: network unreachable; check the network",
                    SocketError.ConnectionReset => $"cannot reach {url}: connection reset by the agent; check its log",
                    _ => $"cannot reach {url}: {socket.Message}",
                };
            if (e is AuthenticationException)
                return $"cannot reach {url}: TLS handshake failed ({e.Message}); check the agent's certificate";
        }
        var innermost = ex;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        return $"cannot reach {url}: {innermost.Message}; is monitor-agent running there?";
    }
}
