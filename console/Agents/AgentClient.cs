using System.Collections.Concurrent;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;

namespace Monitor.Control.Agents;

/// <summary>
/// The authenticated connection to one server's agent (see <see cref="IAgentClient"/>). A background loop connects,
/// authenticates, and after a failure or a lost connection waits a jittered, capped backoff before trying again.
/// After an authentication failure it stops and tries again only when asked (a request or EnsureConnectedAsync),
/// and then at most once per backoff step.
/// </summary>
public sealed class AgentClient : IAgentClient
{
    private readonly Uri _url;
    private readonly ConsoleKeyPair _key;
    private readonly string? _user;
    private readonly AgentClientOptions _options;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Envelope>> _pending = new();
    private readonly ConcurrentDictionary<string, IStreamSink> _streams = new();
    private readonly SemaphoreSlim _retryRequested = new(0, 1);
    private readonly object _gate = new();
    private TaskCompletionSource _stateSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private volatile AgentSocket? _socket;
    private long _nextId;
    private int _attempts;
    private DateTimeOffset _nextAuthRetry;

    public AgentClient(string serverName, Uri url, ConsoleKeyPair key, string? user = null, AgentClientOptions? options = null)
    {
        if (url.Scheme is not ("ws" or "wss"))
            throw new ArgumentException($"agent url must start with ws:// or wss://, got {url.OriginalString}", nameof(url));
        ServerName = serverName; _url = url; _key = key; _user = user; _options = options ?? new AgentClientOptions();
    }

    public string ServerName { get; }
    public Uri Url => _url;
    public AgentConnectionState State { get; private set; } = AgentConnectionState.Disconnected;
    public string? LastError { get; private set; }
    /// <summary>What the agent said about itself at the last successful handshake.</summary>
    public AuthOkPayload? Agent { get; private set; }
    /// <summary>Connection attempts made so far (each one a TCP connect plus handshake).</summary>
    public int ConnectAttempts => Volatile.Read(ref _attempts);
    /// <summary>Raised on a background thread (UI code must marshal to its own thread).</summary>
    public event EventHandler<AgentConnectionState>? StateChanged;

    public async Task EnsureConnectedAsync(CancellationToken ct = default)
    {
        _ = await WaitOnlineAsync(ct).ConfigureAwait(false);
    }

    public async Task<TResponse> RequestAsync<TRequest, TResponse>(string method, TRequest request, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var socket = await WaitOnlineAsync(ct).ConfigureAwait(false);
        var id = NextId();
        var answer = new TaskCompletionSource<Envelope>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            if (!socket.Send(FrameCodec.Request(id, method, request)))
                throw Unreachable($"could not send {method}: {LastError ?? "the connection is closing"}");
            var frame = await AwaitAnswerAsync(id, method, answer.Task, timeout ?? _options.RequestTimeout, ct).ConfigureAwait(false);
            return ProtocolJson.FromElement<TResponse>(frame.Payload)
                ?? throw new AgentException(ServerName, ErrorCodes.MalformedFrame, $"{method} answered without a payload");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public async Task<IAgentStream<TItem, TEnd>> OpenStreamAsync<TRequest, TItem, TEnd>(string method, TRequest request, CancellationToken ct = default)
    {
        var socket = await WaitOnlineAsync(ct).ConfigureAwait(false);
        var id = NextId();
        var stream = new AgentStream<TItem, TEnd>(this, id, method);
        var answer = new TaskCompletionSource<Envelope>(TaskCreationOptions.RunContinuationsAsynchronously);
        _streams[id] = stream;
        _pending[id] = answer;
        try
        {
            if (!socket.Send(FrameCodec.Request(id, method, request)))
                throw Unreachable($"could not send {method}: {LastError ?? "the connection is closing"}");
            await AwaitAnswerAsync(id, method, answer.Task, _options.RequestTimeout, ct).ConfigureAwait(false);
            return stream;
        }
        catch
        {
            _streams.TryRemove(id, out _);
            throw;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task<Envelope> AwaitAnswerAsync(string id, string method, Task<Envelope> answer, TimeSpan timeout, CancellationToken ct)
    {
        Envelope frame;
        try
        {
            frame = await answer.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            TrySendCancel(id);
            throw new AgentException(ServerName, ErrorCodes.Timeout, $"{method} got no answer within {timeout.TotalSeconds:0.#} s; the agent may be busy, try again or raise the timeout");
        }
        catch (OperationCanceledException)
        {
            TrySendCancel(id);
            throw;
        }
        if (frame.Type == FrameTypes.Error)
            throw new AgentException(ServerName, frame.Error?.Code ?? ErrorCodes.Internal, frame.Error?.Message ?? $"{method} failed without a reason");
        return frame;
    }

    internal void SendFrame(Envelope frame)
    {
        var socket = _socket;
        if (socket is null || !socket.Send(frame)) throw Unreachable(LastError ?? "not connected");
    }

    internal void TrySendCancel(string id) => _socket?.Send(FrameCodec.Cancel(id));

    internal void Forget(string id) => _streams.TryRemove(id, out _);

    private string NextId() => "c" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private AgentException Unreachable(string message) => new(ServerName, ErrorCodes.Unreachable, message);

    /// <summary>Starts the connect loop if needed and waits (at most ConnectWait) until online.</summary>
    private async Task<AgentSocket> WaitOnlineAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        StartLoop();
        var attemptsAtStart = ConnectAttempts;
        var retryAsked = false;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(_options.ConnectWait);
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (State == AgentConnectionState.Online && _socket is { } socket) return socket;
                signal = _stateSignal.Task;
                if (State == AgentConnectionState.AuthFailed)
                {
                    if (retryAsked && ConnectAttempts > attemptsAtStart || DateTimeOffset.UtcNow + _options.ConnectWait < _nextAuthRetry)
                        throw new AgentException(ServerName, ErrorCodes.AuthFailed, LastError ?? "the agent refused this console's key");
                    if (!retryAsked)
                    {
                        retryAsked = true;
                        if (_retryRequested.CurrentCount == 0) _retryRequested.Release();
                    }
                }
            }
            try
            {
                await signal.WaitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                if (State == AgentConnectionState.AuthFailed)
                    throw new AgentException(ServerName, ErrorCodes.AuthFailed, LastError ?? "the agent refused this console's key");
                throw Unreachable(LastError ?? $"{_url.OriginalString} did not come online within {_options.ConnectWait.TotalSeconds:0.#} s");
            }
        }
    }

    private void StartLoop()
    {
        lock (_gate) _loop ??= Task.Run(() => RunAsync(_disposed.Token));
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var step = 0;
        while (!ct.IsCancellationRequested)
        {
            SetState(AgentConnectionState.Connecting, LastError);
            Interlocked.Increment(ref _attempts);
            var socket = new AgentSocket(_url, _options.ConnectTimeout);
            ConnectOutcome outcome;
            try
            {
                outcome = await socket.ConnectAsync(_key, _user, _options.HandshakeTimeout, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                socket.Dispose();
                return;
            }

            if (outcome.Ok)
            {
                step = 0;
                Agent = outcome.Agent;
                _socket = socket;
                socket.Route(Dispatch);
                SetState(AgentConnectionState.Online, null);
                var reason = await socket.Closed.WaitAsync(ct).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "the console closed the connection", TaskScheduler.Default).ConfigureAwait(false);
                _socket = null;
                socket.Dispose();
                var message = $"lost connection to {_url.OriginalString}: {reason}; reconnecting";
                FailAll(message);
                if (ct.IsCancellationRequested) return;
                SetState(AgentConnectionState.Unreachable, message);
                if (!await DelayAsync(_options.Backoff.Delay(step++), ct).ConfigureAwait(false)) return;
                continue;
            }

            socket.Dispose();
            if (outcome.AuthFailed)
            {
                var delay = _options.Backoff.Delay(step++);
                lock (_gate) _nextAuthRetry = DateTimeOffset.UtcNow + delay;
                SetState(AgentConnectionState.AuthFailed, outcome.Error);
                try
                {
                    await _retryRequested.WaitAsync(ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) { return; }
                var remaining = _nextAuthRetry - DateTimeOffset.UtcNow;
                if (remaining > TimeSpan.Zero && !await DelayAsync(remaining, ct).ConfigureAwait(false)) return;
                continue;
            }

            SetState(AgentConnectionState.Unreachable, outcome.Error);
            if (!await DelayAsync(_options.Backoff.Delay(step++), ct).ConfigureAwait(false)) return;
        }
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) { return false; }
    }

    private void Dispatch(Envelope frame)
    {
        switch (frame.Type)
        {
            case FrameTypes.Ping:
                _socket?.Send(new Envelope { Type = FrameTypes.Pong, Id = frame.Id });
                return;
            case FrameTypes.Response or FrameTypes.Error when frame.Id is not null:
                if (_pending.TryGetValue(frame.Id, out var answer)) answer.TrySetResult(frame);
                else if (frame.Type == FrameTypes.Error && _streams.TryGetValue(frame.Id, out var failed)) failed.Deliver(frame);
                return;
            case FrameTypes.StreamData or FrameTypes.StreamEnd when frame.Id is not null:
                if (_streams.TryGetValue(frame.Id, out var stream)) stream.Deliver(frame);
                return;
        }
    }

    private void FailAll(string message)
    {
        foreach (var (id, answer) in _pending)
            if (_pending.TryRemove(id, out _)) answer.TrySetException(Unreachable(message));
        foreach (var (id, stream) in _streams)
            if (_streams.TryRemove(id, out _)) stream.Fail(Unreachable(message));
    }

    private void SetState(AgentConnectionState state, string? error)
    {
        TaskCompletionSource signal;
        bool changed;
        lock (_gate)
        {
            changed = State != state;
            State = state;
            LastError = error;
            signal = _stateSignal;
            _stateSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        signal.TrySetResult();
        if (changed) StateChanged?.Invoke(this, state);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested) return;
        _disposed.Cancel();
        _socket?.Dispose();
        var loop = _loop;
        if (loop is not null)
        {
            try { await loop.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        FailAll($"the connection to {_url.OriginalString} was closed by the console");
        lock (_gate) { State = AgentConnectionState.Disconnected; }
        _disposed.Dispose();
    }
}
