using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Agents;

/// <summary>One open stream: frames arrive from the client's receive loop into a channel, in order.</summary>
internal sealed class AgentStream<TItem, TEnd> : IAgentStream<TItem, TEnd>, IStreamRoute
{
    private readonly AgentClient _client;
    private readonly Channel<Envelope> _frames = Channel.CreateUnbounded<Envelope>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource<TEnd> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _ended;

    public AgentStream(AgentClient client, string id) { _client = client; Id = id; }

    public string Id { get; }
    public Task Opened => _opened.Task;
    public Task<TEnd> Completion => _completion.Task;

    public void OnFrame(Envelope frame)
    {
        if (frame.Type == FrameTypes.Response) { _opened.TrySetResult(); return; }
        if (frame.Type == FrameTypes.Error)
        {
            var error = new AgentException(_client.ServerName, frame.Error?.Code ?? ErrorCodes.Internal, frame.Error?.Message ?? "stream refused");
            _opened.TrySetException(error);
            Fail(error);
            return;
        }
        _frames.Writer.TryWrite(frame);
    }

    public void Fail(Exception error)
    {
        _opened.TrySetException(error);
        _frames.Writer.TryComplete(error);
        _completion.TrySetException(error);
        _completion.Task.Exception?.Handle(_ => true);
    }

    public async IAsyncEnumerable<TItem> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        long expected = 1;
        await foreach (var frame in _frames.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (frame.Seq != expected)
            {
                var gap = new AgentException(_client.ServerName, ErrorCodes.MalformedFrame, $"stream {Id}: expected frame {expected}, got {frame.Seq}");
                Fail(gap);
                throw gap;
            }
            expected++;
            if (frame.Type == FrameTypes.StreamEnd)
            {
                _ended = true;
                _client.Unregister(Id);
                if (frame.Error is { } e)
                {
                    var error = new AgentException(_client.ServerName, e.Code, e.Message);
                    _completion.TrySetException(error);
                    throw error;
                }
                _completion.TrySetResult(ProtocolJson.FromElement<TEnd>(frame.Payload)!);
                yield break;
            }
            yield return ProtocolJson.FromElement<TItem>(frame.Payload)!;
        }
    }

    public Task SendInputAsync<TInput>(TInput input, CancellationToken ct = default) =>
        _client.SendAsync(new Envelope { Type = FrameTypes.StreamInput, Id = Id, Payload = ProtocolJson.ToElement(input) });

    public async ValueTask DisposeAsync()
    {
        if (!_ended && !_completion.Task.IsCompleted)
        {
            _ended = true;
            await _client.SendAsync(FrameCodec.Cancel(Id)).ConfigureAwait(false);
        }
        _client.Unregister(Id);
        _frames.Writer.TryComplete();
    }
}

internal interface IStreamRoute
{
    void OnFrame(Envelope frame);
    void Fail(Exception error);
}
