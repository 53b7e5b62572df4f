using System.Buffers;
using System.Net.WebSockets;

namespace Monitor.Agent.Connections;

/// <summary>Reads whole messages while counting bytes, so a peer cannot make the agent buffer more than the limit
/// (Kestrel's body limits do not apply to upgraded connections).</summary>
internal static class MessageReceiver
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Small frames cost one exact-size array. A big frame is gathered in 16 KiB pieces (short-lived, below
    /// the large-object heap) and joined once into an exact-size array: no buffer grows by doubling, and nothing sized
    /// by the largest frame ever seen is kept in a pool after the message is handled.</summary>
    public static async Task<ReceivedMessage> ReceiveAsync(WebSocket socket, int maxBytes, CancellationToken ct)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        List<byte[]>? pieces = null;
        var total = 0;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(chunk.AsMemory(0, ChunkBytes), ct).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) return ReceivedMessage.Closed;
                if (total + result.Count > maxBytes) return ReceivedMessage.TooBig;
                var kind = result.MessageType == WebSocketMessageType.Text ? ReceivedKind.Text : ReceivedKind.Binary;
                if (result.EndOfMessage && pieces is null) return new ReceivedMessage(kind, chunk.AsSpan(0, result.Count).ToArray());
                (pieces ??= []).Add(chunk.AsSpan(0, result.Count).ToArray());
                total += result.Count;
                if (!result.EndOfMessage) continue;
                var data = new byte[total];
                var offset = 0;
                foreach (var piece in pieces)
                {
                    piece.CopyTo(data, offset);
                    offset += piece.Length;
                }
                return new ReceivedMessage(kind, data);
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
