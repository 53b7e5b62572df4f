using System.Net;
using System.Net.Sockets;

namespace Monitor.Hostile.Tests.Support;

/// <summary>WebSocket connections from another loopback address (127.0.0.0/8 is all local on Linux), so strangers,
/// fuzzers and the legitimate console each count against their own per-address budget in the agent.</summary>
public static class LoopbackAlias
{
    public static HttpMessageInvoker Invoker(IPAddress from) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });
}
