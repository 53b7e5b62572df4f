using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Connection;

/// <summary>
/// One console's socket: handshake, then a receive loop that starts each request on its own task (so a slow one
/// never blocks the others), one writer task that owns all sends, cancel by id, and per-connection limits.
/// </summary>
internal sealed class AgentConnection
{
    private readonly WebSocket _socket;
    private readonly AgentConfig _config;
    private readonly HandlerRegistry _handlers;
    private readonly ILogger _log;
    private readonly string _remote;
    private readonly Channel<Envelope> _outgoing = Channel.CreateBounded<Envelope>(new BoundedChannelOptions(1024) { SingleReader = true });
    private readonly ConcurrentDictionary<string, RunningOperation> _running = new(StringComparer.Ordinal);
    private readonly RateLimiter _rate;
    private int _openStreams;
    private static readonly JsonElement EmptyPayload = JsonDocument.Parse("{}").RootElement.Clone();

    public AgentConnection(WebSocket socket, AgentConfig config, HandlerRegistry handlers, ILogger log, string remote)
    {
        _socket = socket; _config = config; _handlers = handlers; _log = log; _remote = remote;
        _rate = new RateLimiter(config.MaxRequestsPerSecond);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var auth = await Handshake.RunAsync(_socket, _config, SendDirectAsync, _log, _remote, ct).ConfigureAwait(false);
        if (auth is null) return;

        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writer = Task.Run(() => WriteLoopAsync(lifetime.Token), CancellationToken.None);
        try
        {
            await ReceiveLoopAsync(lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        finally
        {
            foreach (var op in _running.Values) op.Cancel();
            _outgoing.Writer.TryComplete();
            await lifetime.CancelAsync().ConfigureAwait(false);
            try { await writer.ConfigureAwait(false); } catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
            await MessageReader.CloseQuietlyAsync(_socket, WebSocketCloseStatus.NormalClosure, "bye").ConfigureAwait(false);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            var message = await MessageReader.ReadAsync(_socket, _config.MaxFrameBytes, ct).ConfigureAwait(false);
            if (message.Status != MessageReadStatus.Message) return;
            var parsed = FrameCodec.Decode(message.Data.Span);
            if (parsed.Envelope is not { } frame)
            {
                await SendAsync(FrameCodec.ErrorFrame(null, parsed.Error!.Code, parsed.Error.Message), ct).ConfigureAwait(false);
                continue;
            }
            await HandleFrameAsync(frame, ct).ConfigureAwait(false);
        }
    }

    private async Task HandleFrameAsync(Envelope frame, CancellationToken ct)
    {
        switch (frame.Type)
        {
            case FrameTypes.Request:
                await StartRequestAsync(frame, ct).ConfigureAwait(false);
                break;
            case FrameTypes.Cancel when frame.Id is not null:
                if (_running.TryGetValue(frame.Id, out var op)) op.Cancel();
                break;
            case FrameTypes.StreamInput when frame.Id is not null:
                if (_running.TryGetValue(frame.Id, out var target) && frame.Payload is { } payload)
                    target.Input.Writer.TryWrite(payload);
                break;
            case FrameTypes.Ping:
                await SendAsync(new Envelope { Type = FrameTypes.Pong, Id = frame.Id }, ct).ConfigureAwait(false);
                break;
            default:
                await SendAsync(FrameCodec.ErrorFrame(frame.Id, ErrorCodes.MalformedFrame, $"unexpected frame type '{frame.Type}'"), ct).ConfigureAwait(false);
                break;
        }
    }

    private async Task StartRequestAsync(Envelope frame, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(frame.Id) || string.IsNullOrEmpty(frame.Method))
        {
            await SendAsync(FrameCodec.ErrorFrame(frame.Id, ErrorCodes.MalformedFrame, "a request needs an 'id' and a 'method'"), ct).ConfigureAwait(false);
            return;
        }
        if (!_rate.TryTake())
        {
            await SendAsync(FrameCodec.ErrorFrame(frame.Id, ErrorCodes.RateLimited, $"more than {_config.MaxRequestsPerSecond} requests a second: slow down"), ct).ConfigureAwait(false);
            return;
        }
        var handler = _handlers.Find(frame.Method);
        if (handler is null)
        {
            await SendAsync(FrameCodec.ErrorFrame(frame.Id, ErrorCodes.UnknownMethod, $"unknown method '{frame.Method}'"), ct).ConfigureAwait(false);
            return;
        }
        if (handler.IsStream && Interlocked.Increment(ref _openStreams) > _config.MaxOpenStreams)
        {
            Interlocked.Decrement(ref _openStreams);
            await SendAsync(FrameCodec.ErrorFrame(frame.Id, ErrorCodes.TooManyStreams, $"at most {_config.MaxOpenStreams} open streams per connection"), ct).ConfigureAwait(false);
            return;
        }
        var op = new RunningOperation(frame.Id, ct);
        if (!_running.TryAdd(frame.Id, op))
        {
            if (handler.IsStream) Interlocked.Decrement(ref _openStreams);
            op.Dispose();
            await SendAsync(FrameCodec.ErrorFrame(frame.Id, ErrorCodes.Conflict, $"request id '{frame.Id}' is already in use"), ct).ConfigureAwait(false);
            return;
        }
        _ = Task.Run(() => RunOperationAsync(handler, frame, op), CancellationToken.None);
    }

    private async Task RunOperationAsync(RegisteredHandler handler, Envelope frame, RunningOperation op)
    {
        var id = frame.Id!;
        var timeout = handler.Timeout ?? (handler.IsStream ? (TimeSpan?)null : TimeSpan.FromSeconds(_config.RequestTimeoutSeconds));
        if (timeout is { } t) op.CancelAfter(t);
        var sink = handler.IsStream ? new ConnectionStreamSink(this, id, op.Input) : null;
        try
        {
            if (sink is not null) await SendAsync(new Envelope { Type = FrameTypes.Response, Id = id, Payload = EmptyPayload }, op.Token).ConfigureAwait(false);
            var result = await handler.Invoke(frame.Payload, sink, op.Token).ConfigureAwait(false);
            await SendAsync(sink is null
                ? new Envelope { Type = FrameTypes.Response, Id = id, Payload = result }
                : new Envelope { Type = FrameTypes.StreamEnd, Id = id, Seq = sink.NextSeq(), Payload = result }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var error = ToError(e, handler.Method, op);
            await SendAsync(sink is null
                ? new Envelope { Type = FrameTypes.Error, Id = id, Error = error }
                : new Envelope { Type = FrameTypes.StreamEnd, Id = id, Seq = sink.NextSeq(), Error = error }, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            if (handler.IsStream) Interlocked.Decrement(ref _openStreams);
            _running.TryRemove(id, out _);
            op.Dispose();
        }
    }

    private ProtocolError ToError(Exception e, string method, RunningOperation op) => e switch
    {
        AgentRequestException are => new ProtocolError(are.Code, are.Message),
        OperationCanceledException when op.CancelledByConsole => new ProtocolError(ErrorCodes.Cancelled, $"{method} was cancelled"),
        OperationCanceledException => new ProtocolError(ErrorCodes.Timeout, $"{method} did not finish in time"),
        _ => LogInternal(e, method),
    };

    private ProtocolError LogInternal(Exception e, string method)
    {
        _log.LogError(e, "{Method} failed", method);
        return new ProtocolError(ErrorCodes.Internal, $"{method} failed on the agent: {e.GetType().Name}: {e.Message}");
    }

    internal async ValueTask SendAsync(Envelope envelope, CancellationToken ct)
    {
        try { await _outgoing.Writer.WriteAsync(envelope, ct).ConfigureAwait(false); }
        catch (ChannelClosedException) { throw new OperationCanceledException("connection closed"); }
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        await foreach (var envelope in _outgoing.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            await _socket.SendAsync(FrameCodec.Encode(envelope), WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
    }

    private Task SendDirectAsync(Envelope envelope) =>
        _socket.SendAsync(FrameCodec.Encode(envelope), WebSocketMessageType.Text, true, CancellationToken.None);

    private sealed class ConnectionStreamSink(AgentConnection connection, string id, Channel<JsonElement> input) : IStreamSink
    {
        private long _seq;
        public long NextSeq() => Interlocked.Increment(ref _seq);
        public ValueTask SendDataAsync(JsonElement payload, CancellationToken ct) =>
            connection.SendAsync(new Envelope { Type = FrameTypes.StreamData, Id = id, Seq = NextSeq(), Payload = payload }, ct);
        public ChannelReader<JsonElement> Input => input.Reader;
    }
}
