using System.Net.WebSockets;
using System.Threading.Channels;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Connections;

/// <summary>The one writer of a socket: every outgoing frame goes through its channel, so sends never overlap.
/// The bounded channel gives back-pressure: a flooding stream waits for the network instead of filling memory.</summary>
internal sealed class FrameWriter(WebSocket socket) : IRequestChannel
{
    private readonly Channel<OutgoingFrame> _queue = Channel.CreateBounded<OutgoingFrame>(
        new BoundedChannelOptions(512) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public async ValueTask SendAsync(Envelope frame, CancellationToken ct) =>
        await _queue.Writer.WriteAsync(new OutgoingFrame(frame), ct).ConfigureAwait(false);

    /// <summary>Queues a frame without waiting; false when the writer has stopped or is full.</summary>
    public bool TrySend(Envelope frame) => _queue.Writer.TryWrite(new OutgoingFrame(frame));

    /// <summary>Sends the frames queued so far, then the close frame; nothing is sent after it.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken ct)
    {
        try { await _queue.Writer.WriteAsync(new OutgoingFrame(null, status, reason), ct).ConfigureAwait(false); }
        catch (ChannelClosedException) { }
        _queue.Writer.TryComplete();
    }

    public void Complete() => _queue.Writer.TryComplete();

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (item.Close is { } status)
                {
                    if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                        await socket.CloseOutputAsync(status, item.CloseReason, ct).ConfigureAwait(false);
                    break;
                }
                var bytes = FrameCodec.Encode(item.Frame!);
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // the socket is gone; senders learn it from the completed channel
        }
        finally
        {
            _queue.Writer.TryComplete();
        }
    }
}
