using System.Net.WebSockets;
using System.Text;
using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;

namespace Monitor.Hostile.Tests.Support;

/// <summary>Sends fuzz frames to the agent, on authenticated connections (many frames each, reconnecting whenever the
/// agent closes one, e.g. after an oversized frame) or unauthenticated ones (one frame each). Answers are read and
/// counted, never kept.</summary>
public sealed class FuzzConnection(HttpMessageInvoker invoker)
{
    private long _sent;
    private long _errorsReceived;
    private long _closedByAgent;
    private long _connections;

    public long Sent => Interlocked.Read(ref _sent);
    /// <summary>Frames the agent answered with (error frames, mostly; pongs and responses to the valid ones).</summary>
    public long ErrorsReceived => Interlocked.Read(ref _errorsReceived);
    public long ClosedByAgent => Interlocked.Read(ref _closedByAgent);
    public long Connections => Interlocked.Read(ref _connections);

    public async Task RunAuthenticatedAsync(Uri url, ConsoleKeyPair key, FuzzFrames frames, int count, int seed)
    {
        var random = new Random(seed);
        var left = count;
        while (left > 0)
        {
            using var socket = await ConnectWithRetryAsync(url, key);
            var reader = DrainAsync(socket);
            while (left > 0 && !reader.IsCompleted)
            {
                var (bytes, binary, _) = frames.Next(random.Next(FuzzFrames.Kinds));
                try { await socket.SendAsync(bytes, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, CancellationToken.None); }
                catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException) { break; }
                Interlocked.Increment(ref _sent);
                left--;
            }
            await CloseAsync(socket, reader);
        }
    }

    public async Task RunUnauthenticatedAsync(Uri url, FuzzFrames frames, int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            using var socket = new ClientWebSocket();
            try { await socket.ConnectAsync(url, invoker, CancellationToken.None); }
            catch (Exception e) when (e is WebSocketException or IOException or HttpRequestException) { Interlocked.Increment(ref _closedByAgent); continue; }
            Interlocked.Increment(ref _connections);
            var reader = DrainAsync(socket);
            var (bytes, binary, _) = frames.Next(random.Next(FuzzFrames.Kinds));
            try
            {
                await socket.SendAsync(bytes, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, CancellationToken.None);
                Interlocked.Increment(ref _sent);
            }
            catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException) { }
            await CloseAsync(socket, reader);
        }
    }

    private async Task<ClientWebSocket> ConnectWithRetryAsync(Uri url, ConsoleKeyPair key)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await ConnectAsync(url, key); }
            catch (Exception e) when (attempt < 20 && e is WebSocketException or IOException or InvalidOperationException or OperationCanceledException or HttpRequestException)
            {
                await Task.Delay(50 * attempt);
            }
        }
    }

    private async Task<ClientWebSocket> ConnectAsync(Uri url, ConsoleKeyPair key)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(url, invoker, CancellationToken.None);
        Interlocked.Increment(ref _connections);
        var hello = ProtocolJson.FromElement<HelloPayload>(FrameCodec.Decode(await ReceiveAsync(socket)).Envelope!.Payload)!;
        var auth = new Envelope { Type = FrameTypes.Auth, Payload = ProtocolJson.ToElement(RawAgentClient.SignAuth(key, hello)) };
        await socket.SendAsync(FrameCodec.Encode(auth), WebSocketMessageType.Text, true, CancellationToken.None);
        var ok = FrameCodec.Decode(await ReceiveAsync(socket)).Envelope!;
        if (ok.Type != FrameTypes.AuthOk) throw new InvalidOperationException("fuzz connection not authenticated: " + ok.Error?.Message);
        return socket;
    }

    private static async Task<byte[]> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("closed during the handshake");
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return message.ToArray();
        }
    }

    private async Task DrainAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Interlocked.Increment(ref _closedByAgent);
                    return;
                }
                if (result.EndOfMessage) Interlocked.Increment(ref _errorsReceived);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException) { }
    }

    private static async Task CloseAsync(ClientWebSocket socket, Task reader)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", patience.Token);
            await reader.WaitAsync(patience.Token);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException) { socket.Abort(); }
    }
}
