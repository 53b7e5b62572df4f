using System.Buffers;
using System.Net.WebSockets;

namespace Monitor.Agent.Connections;

/// <summary>Reads whole messages while counting bytes, so a peer cannot make the agent buffer more than the limit
/// (Kestrel's body limits do not apply to upgraded connections).</summary>
internal static class MessageReceiver
{
    public static async Task<ReceivedMessage> ReceiveAsync(WebSocket socket, int maxBytes, CancellationToken ct)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var message = new ArrayBufferWriter<byte>(1024);
            while (true)
            {
                var result = await socket.ReceiveAsync(chunk.AsMemory(), ct).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) return ReceivedMessage.Closed;
                if (message.WrittenCount + result.Count > maxBytes) return ReceivedMessage.TooBig;
                message.Write(chunk.AsSpan(0, result.Count));
                if (result.EndOfMessage)
                    return new ReceivedMessage(
                        result.MessageType == WebSocketMessageType.Text ? ReceivedKind.Text : ReceivedKind.Binary,
                        message.WrittenSpan.ToArray());
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>After the agent sent its close frame: discard what the peer still sends until its close frame arrives,
    /// so the peer reads our close status instead of a reset connection.</summary>
    public static async Task DrainUntilCloseAsync(WebSocket socket, TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(chunk.AsMemory(), cts.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // the peer went away or took too long; the connection is being torn down anyway
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
