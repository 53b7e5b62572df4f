using System.Buffers;
using System.Net.WebSockets;

namespace Monitor.Agent.Connection;

/// <summary>Reads one whole WebSocket message, counting bytes as they arrive (Kestrel's body limits do not apply
/// to upgraded connections). Past the cap the socket is closed with 1009.</summary>
internal static class MessageReader
{
    public static async Task<MessageReadResult> ReadAsync(WebSocket socket, int maxBytes, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var result = await socket.ReceiveAsync(memory, ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
                return MessageReadResult.Closed;
            buffer.Advance(result.Count);
            if (buffer.WrittenCount > maxBytes)
            {
                await CloseQuietlyAsync(socket, WebSocketCloseStatus.MessageTooBig, "message too big").ConfigureAwait(false);
                return MessageReadResult.TooBig;
            }
            if (result.EndOfMessage)
                return new MessageReadResult(MessageReadStatus.Message, result.MessageType == WebSocketMessageType.Text, buffer.WrittenMemory);
        }
    }

    public static async Task CloseQuietlyAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
                // Let the peer read what was sent and answer the close; abort only if it does not.
                var drain = new byte[4096];
                while (socket.State == WebSocketState.CloseSent)
                    await socket.ReceiveAsync(drain, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        socket.Abort();
    }
}

internal enum MessageReadStatus { Message, Closed, TooBig }

internal readonly record struct MessageReadResult(MessageReadStatus Status, bool IsText, ReadOnlyMemory<byte> Data)
{
    public static readonly MessageReadResult Closed = new(MessageReadStatus.Closed, false, default);
    public static readonly MessageReadResult TooBig = new(MessageReadStatus.TooBig, false, default);
}
