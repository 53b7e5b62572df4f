using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Monitor.Hostile.Tests.Support;

/// <summary>Strangers from one source address (a loopback alias such as 127.0.0.2): WebSockets that upgrade and never
/// authenticate, and HTTP requests whose headers trickle in. Each socket is re-opened as soon as the agent drops it,
/// so the pressure holds until <see cref="DisposeAsync"/>. Counts what it opened and how often it was refused.</summary>
public sealed class ConnectionFlood : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private long _opened;
    private long _upgraded;
    private long _dropped;

    public ConnectionFlood(IPAddress from, int port, int unauthenticatedSockets, int slowHeaderSockets)
    {
        for (var i = 0; i < unauthenticatedSockets; i++) _workers.Add(Task.Run(() => HoldAsync(from, port, upgrade: true)));
        for (var i = 0; i < slowHeaderSockets; i++) _workers.Add(Task.Run(() => HoldAsync(from, port, upgrade: false)));
    }

    public long Opened => Interlocked.Read(ref _opened);
    /// <summary>Upgrades the agent answered with 101.</summary>
    public long Upgraded => Interlocked.Read(ref _upgraded);
    /// <summary>Connections the agent closed or refused.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    private async Task HoldAsync(IPAddress from, int port, bool upgrade)
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), _stop.Token);
                Interlocked.Increment(ref _opened);
                if (upgrade)
                {
                    var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
                    await socket.SendAsync(Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                        $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"), _stop.Token);
                    var read = await socket.ReceiveAsync(buffer, _stop.Token);
                    if (read > 0 && Encoding.ASCII.GetString(buffer, 0, read).StartsWith("HTTP/1.1 101", StringComparison.Ordinal)) Interlocked.Increment(ref _upgraded);
                    while (read > 0) read = await socket.ReceiveAsync(buffer, _stop.Token); // hold it, never authenticate
                }
                else
                {
                    await socket.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n"), _stop.Token);
                    var receive = socket.ReceiveAsync(buffer, _stop.Token).AsTask();
                    while (!receive.IsCompleted)
                    {
                        await Task.WhenAny(receive, Task.Delay(500, _stop.Token));
                        if (!receive.IsCompleted) await socket.SendAsync("X-a: b\r\n"u8.ToArray(), _stop.Token);
                    }
                    await receive;
                }
                Interlocked.Increment(ref _dropped);
            }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { Interlocked.Increment(ref _dropped); }
            // A refused stranger comes back after a moment (700 sockets re-opened about twice a second in all).
            try { await Task.Delay(500, _stop.Token); } catch (OperationCanceledException) { return; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await Task.WhenAll(_workers); } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
