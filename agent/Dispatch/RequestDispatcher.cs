using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Dispatch;

/// <summary>Runs each request of one connection on its own task with its own timeout and cancel switch, so a slow
/// request never blocks others, and makes sure every request gets exactly one response or error.</summary>
public sealed class RequestDispatcher
{
    private readonly HandlerRegistry _registry;
    private readonly IRequestChannel _channel;
    private readonly TimeSpan _defaultRequestTimeout;
    private readonly int _maxOpenStreams;
    private readonly ILogger _logger;
    private readonly CancellationToken _connectionClosing;
    private readonly ConcurrentDictionary<string, InFlightRequest> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly Fleet.RoleGate _roles;
    private int _openStreams;

    /// <param name="roles">What the connection's key may call; null lets everything through (in-process tests).</param>
    public RequestDispatcher(HandlerRegistry registry, IRequestChannel channel, TimeSpan defaultRequestTimeout, int maxOpenStreams,
        ILogger logger, CancellationToken connectionClosing, Fleet.RoleGate? roles = null)
    {
        _registry = registry; _channel = channel; _defaultRequestTimeout = defaultRequestTimeout;
        _maxOpenStreams = maxOpenStreams; _logger = logger; _connectionClosing = connectionClosing;
        _roles = roles ?? Fleet.RoleGate.Everything;
    }

    public int OpenStreams => Volatile.Read(ref _openStreams);

    /// <summary>Starts a request frame. Returns an error frame to send at once when the request cannot start
    /// (unknown method, bad payload, duplicate id, too many streams); otherwise null.</summary>
    public Envelope? Start(Envelope request)
    {
        if (string.IsNullOrWhiteSpace(request.Id))
            return FrameCodec.ErrorFrame(null, ErrorCodes.MalformedFrame, "request has no 'id'; every request needs a correlation id");
        if (string.IsNullOrWhiteSpace(request.Method))
            return FrameCodec.ErrorFrame(request.Id, ErrorCodes.MalformedFrame, "request has no 'method'");
        if (!_registry.TryGet(request.Method, out var method))
            return FrameCodec.ErrorFrame(request.Id, ErrorCodes.UnknownMethod, $"this agent has no method '{request.Method}'; update the agent or check the method name");
        if (_roles.Refusal(method.Descriptor) is { } refused)
            return FrameCodec.ErrorFrame(request.Id, ErrorCodes.Forbidden, refused);

        object payload;
        try { payload = method.ParsePayload(request.Payload); }
        catch (AgentRequestException ex) { return FrameCodec.ErrorFrame(request.Id, ex.Code, ex.Message); }

        if (method.IsStream && Interlocked.Increment(ref _openStreams) > _maxOpenStreams)
        {
            Interlocked.Decrement(ref _openStreams);
            return FrameCodec.ErrorFrame(request.Id, ErrorCodes.TooManyStreams, $"this connection already has {_maxOpenStreams} open streams; close some first");
        }

        var flight = new InFlightRequest(method.IsStream);
        if (!_inFlight.TryAdd(request.Id, flight))
        {
            if (method.IsStream) Interlocked.Decrement(ref _openStreams);
            flight.Dispose();
            return FrameCodec.ErrorFrame(request.Id, ErrorCodes.InvalidArgument, $"request id '{request.Id}' is already in use on this connection");
        }

        var task = Task.Run(() => RunAsync(request.Id, method, payload, flight));
        _running.TryAdd(task, 0);
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
        return null;
    }

    /// <summary>A cancel frame: cancels the request or stream with that id (ignored when it already finished).</summary>
    public void Cancel(string? id)
    {
        if (id is not null && _inFlight.TryGetValue(id, out var flight))
        {
            try { flight.Cancel.Cancel(); }
            catch (ObjectDisposedException) { }
        }
    }

    /// <summary>A stream.input frame for an open stream; false when no stream has that id.</summary>
    public bool Input(Envelope frame)
    {
        if (frame.Id is null || !_inFlight.TryGetValue(frame.Id, out var flight) || !flight.IsStream) return false;
        return frame.Payload is not { } payload || flight.Input.Writer.TryWrite(payload.Clone());
    }

    /// <summary>Waits (bounded) for running handlers after the connection closed and cancelled them.</summary>
    public async Task WaitForRunningAsync(TimeSpan limit)
    {
        var all = Task.WhenAll(_running.Keys);
        await Task.WhenAny(all, Task.Delay(limit)).ConfigureAwait(false);
    }

    private async Task RunAsync(string id, RegisteredMethod method, object payload, InFlightRequest flight)
    {
        var timeout = method.Timeout ?? (method.IsStream ? (TimeSpan?)null : _defaultRequestTimeout);
        using var timeoutCts = new CancellationTokenSource();
        if (timeout is { } t) timeoutCts.CancelAfter(t);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(flight.Cancel.Token, timeoutCts.Token, _connectionClosing);
        try
        {
            await method.RunAsync(id, payload, _channel, flight.Input.Reader, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var (seq, cause) = ex is StreamFailedException sf ? ((long?)sf.Seq, sf.InnerException!) : (null, ex);
            var error = Describe(method.Name, cause, timeout, timeoutCts.IsCancellationRequested, flight.Cancel.IsCancellationRequested);
            if (error is not null)
            {
                var frame = seq is { } s
                    ? new Envelope { Type = FrameTypes.StreamEnd, Id = id, Seq = s, Error = error }
                    : FrameCodec.ErrorFrame(id, error.Code, error.Message);
                try { await _channel.SendAsync(frame, _connectionClosing).ConfigureAwait(false); }
                catch (Exception sendError) when (sendError is OperationCanceledException or System.Threading.Channels.ChannelClosedException) { }
            }
        }
        finally
        {
            _inFlight.TryRemove(id, out _);
            if (method.IsStream) Interlocked.Decrement(ref _openStreams);
            flight.Dispose();
        }
    }

    private ProtocolError? Describe(string method, Exception ex, TimeSpan? timeout, bool timedOut, bool cancelled)
    {
        switch (ex)
        {
            case AgentRequestException are:
                return new ProtocolError(are.Code, are.Message);
            case OperationCanceledException when cancelled:
                return new ProtocolError(ErrorCodes.Cancelled, $"{method} was cancelled by the console");
            case OperationCanceledException when timedOut:
                return new ProtocolError(ErrorCodes.Timeout, $"{method} did not finish within {timeout?.TotalSeconds:0.#} s; it was stopped");
            case OperationCanceledException or System.Threading.Channels.ChannelClosedException when _connectionClosing.IsCancellationRequested:
                return null; // nobody is listening any more
            case System.Threading.Channels.ChannelClosedException:
                return null;
            default:
                _logger.LogError(ex, "{Method} failed unexpectedly", method);
                return new ProtocolError(ErrorCodes.Internal, $"{method} failed inside the agent ({ex.GetType().Name}); the agent's log has the details");
        }
    }
}
