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
                    SocketError.ConnectionRefused => $"cannot reach {url.OriginalString}: connection refused; is monitor-agent running and listening there?",
                    SocketError.HostNotFound or SocketError.NoData => $"cannot reach {url.OriginalString}: host not found; check the server's url",
                    SocketError.TimedOut => $"cannot reach {url.OriginalString}: connection timed out; check the network and firewall",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"cannot reach {url.OriginalString}: network unreachable; check the network",
                    SocketError.ConnectionReset => $"cannot reach {url.OriginalString}: connection reset by the agent; check its log",
                    _ => $"cannot reach {url.OriginalString}: {socket.Message}",
                };
            if (e is AuthenticationException)
                return $"cannot reach {url.OriginalString}: TLS handshake failed ({e.Message}); check the agent's certificate";
        }
        var innermost = ex;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        return $"cannot reach {url.OriginalString}: {innermost.Message}; is monitor-agent running there?";
    }
}
