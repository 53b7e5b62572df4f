using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Agents;

/// <summary>An open stream: frames arrive through a channel; sequence numbers must run 1, 2, 3... with no gap.</summary>
internal sealed class AgentStream<TItem, TEnd> : IAgentStream<TItem, TEnd>, IStreamSink
{
    private readonly AgentClient _client;
    private readonly string _id;
    private readonly string _method;
    private readonly Channel<Envelope> _frames = Channel.CreateUnbounded<Envelope>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource<TEnd> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    public AgentStream(AgentClient client, string id, string method)
    {
        _client = client; _id = id; _method = method;
        _completion.Task.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }

    public string Id => _id;
    public Task<TEnd> Completion => _completion.Task;

    public void Deliver(Envelope frame) => _frames.Writer.TryWrite(frame);

    public void Fail(AgentException error)
    {
        _frames.Writer.TryComplete(error);
        _completion.TrySetException(error);
    }

    public async IAsyncEnumerable<TItem> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        long expected = 1;
        while (true)
        {
            Envelope frame;
            try
            {
                if (!await _frames.Reader.WaitToReadAsync(ct).ConfigureAwait(false)) yield break;
                if (!_frames.Reader.TryRead(out frame!)) continue;
            }
            catch (ChannelClosedException ex) when (ex.InnerException is AgentException inner) { throw inner; }

            if (frame.Seq != expected)
                throw Failed(ErrorCodes.MalformedFrame, $"{_method} stream out of order: expected frame {expected}, got {frame.Seq?.ToString() ?? "none"}; reopen it");
            expected++;

            if (frame.Type == FrameTypes.StreamData)
            {
                var item = ProtocolJson.FromElement<TItem>(frame.Payload);
                if (item is not null) yield return item;
                continue;
            }
            if (frame.Type == FrameTypes.StreamEnd)
            {
                _client.Forget(_id);
                if (frame.Error is { } error) throw Failed(error.Code, error.Message);
                _completion.TrySetResult(ProtocolJson.FromElement<TEnd>(frame.Payload)!);
                _frames.Writer.TryComplete();
                yield break;
            }
            if (frame.Type == FrameTypes.Error)
            {
                _client.Forget(_id);
                throw Failed(frame.Error?.Code ?? ErrorCodes.Internal, frame.Error?.Message ?? "the agent ended the stream with an error");
            }
        }
    }

    public Task SendInputAsync<TInput>(TInput input, CancellationToken ct = default)
    {
        _client.SendFrame(new Envelope { Type = FrameTypes.StreamInput, Id = _id, Payload = ProtocolJson.ToElement(input) });
        return Task.CompletedTask;
    }

    private AgentException Failed(string code, string message)
    {
        var error = new AgentException(_client.ServerName, code, message);
        _completion.TrySetException(error);
        _frames.Writer.TryComplete();
        return error;
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return ValueTask.CompletedTask;
        if (!_completion.Task.IsCompleted)
        {
            _client.TrySendCancel(_id);
            _completion.TrySetException(new AgentException(_client.ServerName, ErrorCodes.Cancelled, $"{_method} stream was closed by the console"));
        }
        _client.Forget(_id);
        _frames.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
