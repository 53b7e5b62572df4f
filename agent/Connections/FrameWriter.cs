using System.Net.WebSockets;
using System.Threading.Channels;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Connections;

/// <summary>The one writer of a socket: every outgoing frame goes through its queue, so sends never overlap.
/// The queue is bounded in frames and in encoded bytes: a flooding stream waits for the network instead of filling
/// memory (512 batches of 1,000 log lines would be ~50 MB; the byte bound keeps it to <see cref="MaxQueuedBytes"/>).</summary>
internal sealed class FrameWriter(WebSocket socket) : IRequestChannel
{
    /// <summary>Most encoded bytes waiting for the socket; a single larger frame still goes when the queue is empty.</summary>
    public const int MaxQueuedBytes = 1024 * 1024;
    private readonly Channel<OutgoingFrame> _queue = Channel.CreateBounded<OutgoingFrame>(
        new BoundedChannelOptions(512) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Lock _gate = new();
    private long _queuedBytes;
    private bool _stopped;
    private TaskCompletionSource? _space;

    public async ValueTask SendAsync(Envelope frame, CancellationToken ct)
    {
        // Encoded by the sender (each stream's own task), so the queue holds bytes whose size is known.
        var bytes = FrameCodec.Encode(frame);
        await ReserveAsync(bytes.Length, ct).ConfigureAwait(false);
        try { await _queue.Writer.WriteAsync(new OutgoingFrame(bytes), ct).ConfigureAwait(false); }
        catch { Release(bytes.Length); throw; }
    }

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
                try { await socket.SendAsync(item.Bytes, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false); }
                finally { Release(item.Bytes!.Length); }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // the socket is gone; senders learn it from the completed channel
        }
        finally
        {
            _queue.Writer.TryComplete();
            TaskCompletionSource? waiting;
            lock (_gate) { _stopped = true; waiting = _space; _space = null; }
            waiting?.TrySetResult(); // waiting senders go on to find the channel completed
        }
    }

    private async ValueTask ReserveAsync(int bytes, CancellationToken ct)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_stopped || _queuedBytes == 0 || _queuedBytes + bytes <= MaxQueuedBytes)
                {
                    _queuedBytes += bytes;
                    return;
                }
                _space ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _space.Task;
            }
            await wait.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    private void Release(int bytes)
    {
        TaskCompletionSource? waiting;
        lock (_gate) { _queuedBytes -= bytes; waiting = _space; _space = null; }
        waiting?.TrySetResult();
    }
}
