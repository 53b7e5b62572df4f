using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IO;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;
using Websocket.Client;

namespace Monitor.Control.Agents;

/// <summary>
/// One authenticated WebSocket to one agent. Websocket.Client carries the frames; its built-in reconnect is off
/// because reconnecting is ours: each attempt is a fresh socket and handshake, spaced by <see cref="ReconnectBackoff"/>,
/// and an agent that refused our key is not retried on its own.
/// </summary>
public sealed class AgentClient : IAgentClient, Fleet.IAgentIdentity
{
    private readonly ServerInfo _server;
    private readonly ConsoleKeyPair _key;
    private readonly string _user;
    private readonly AgentClientOptions _options;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Envelope>> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IStreamRoute> _streams = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private WebsocketClient? _socket;
    private TaskCompletionSource<bool>? _handshake;
    private long _nextId;
    private string _refusedCode = ErrorCodes.AuthFailed;
    private int _failedAttempts;
    private DateTimeOffset _nextAttemptAt = DateTimeOffset.MinValue;
    private Task? _reconnectLoop;
    private readonly Fleet.TlsPin _tls;
    private readonly HttpMessageInvoker _invoker;

    /// <summary>One pool of receive buffers for every agent connection of the process: given none, Websocket.Client
    /// makes a pool per connection, so a console on 1,000 servers kept 1,000 pools of never-shared blocks.</summary>
    private static readonly RecyclableMemoryStreamManager ReceiveBuffers = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 16 * 1024,
        LargeBufferMultiple = 256 * 1024,
        MaximumBufferSize = 16 * 1024 * 1024,
        MaximumSmallPoolFreeBytes = 8 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 32 * 1024 * 1024,
    });

    public AgentClient(ServerInfo server, ConsoleKeyPair key, string user, AgentClientOptions? options = null)
    {
        _server = server; _key = key; _user = user; _options = options ?? new AgentClientOptions();
        _tls = new Fleet.TlsPin(server.TlsFingerprint);
        _tls.FirstUse += fingerprint => TlsPinned?.Invoke(this, fingerprint);
        var handler = new SocketsHttpHandler { ConnectTimeout = _options.ConnectTimeout };
        if (server.Url.StartsWith("wss:", StringComparison.OrdinalIgnoreCase))
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = _tls.Validate, CertificateChainPolicy = PinOnlyChain() };
        _invoker = new HttpMessageInvoker(handler);
    }

    /// <summary>The chain .NET builds before our pin check (which ignores it: agents sign their own certificates) is
    /// built against an empty custom root store: against the system store, OpenSSL 3 copied and sorted its ~150 roots
    /// per handshake (a quarter of the console's CPU while 1,000 agents connect).</summary>
    private static X509ChainPolicy PinOnlyChain() => new()
    {
        TrustMode = X509ChainTrustMode.CustomRootTrust,
        RevocationMode = X509RevocationMode.NoCheck,
        DisableCertificateDownloads = true,
    };

    /// <summary>What the agent's authorized_keys grants this console's key (viewer|operator|admin; null before the
    /// first handshake or from an agent older than roles).</summary>
    public string? Role { get; private set; }

    /// <summary>The key's name on the agent (name= or the key line's comment).</summary>
    public string? KeyName { get; private set; }

    /// <summary>The agent's version from the last handshake.</summary>
    public string? AgentVersion { get; private set; }

    /// <summary>The TLS certificate fingerprint this client accepts (null until the first wss:// handshake when none was pinned).</summary>
    public string? TlsFingerprint => _tls.Pinned;

    /// <summary>Raised when a wss:// agent's certificate was pinned on first use (nothing was pinned before).</summary>
    public event EventHandler<string>? TlsPinned;

    public string ServerName => _server.Name;
    public string Url => _server.Url;
    public AgentConnectionState State { get; private set; } = AgentConnectionState.Disconnected;
    public string? LastError { get; private set; }
    /// <summary>Connection attempts made so far (what the reconnect bound is measured by).</summary>
    public int ConnectionAttempts { get; private set; }
    public event EventHandler<AgentConnectionState>? StateChanged;

    public async Task EnsureConnectedAsync(CancellationToken ct = default)
    {
        if (State == AgentConnectionState.Online) return;
        await _connectLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (State == AgentConnectionState.Online) return;
            var wait = _nextAttemptAt - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
                throw new AgentException(ServerName, State == AgentConnectionState.AuthFailed ? _refusedCode : ErrorCodes.Unreachable,
                    $"{LastError} (next try in {wait.TotalSeconds:0.#} s)");
            await ConnectOnceAsync(ct).ConfigureAwait(false);
        }
        finally { _connectLock.Release(); }
    }

    private async Task ConnectOnceAsync(CancellationToken ct)
    {
        ConnectionAttempts++;
        SetState(AgentConnectionState.Connecting, null);
        var handshake = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _handshake = handshake;
        var socket = new WebsocketClient(new Uri(_server.Url), null, OpenSocketAsync, ReceiveBuffers)
        {
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
            ConnectTimeout = _options.ConnectTimeout,
            Name = _server.Name,
        };
        socket.MessageReceived.Subscribe(message => OnMessage(socket, message));
        socket.DisconnectionHappened.Subscribe(info => OnDisconnected(socket, info));
        _socket = socket;
        IDisposable? slot = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposed.Token);
            // The connect timeout starts once a dial slot is ours: waiting in the queue is not the agent's fault.
            slot = await _options.Dials.EnterAsync(timeout.Token).ConfigureAwait(false);
            timeout.CancelAfter(_options.ConnectTimeout);
            await socket.StartOrFail().WaitAsync(timeout.Token).ConfigureAwait(false);
            await handshake.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            _failedAttempts = 0;
            _nextAttemptAt = DateTimeOffset.MinValue;
            SetState(AgentConnectionState.Online, null);
        }
        catch (AgentException e)
        {
            Discard(socket);
            _refusedCode = e.Code;
            Backoff(e.Code == ErrorCodes.AuthFailed ? AgentConnectionState.AuthFailed : AgentConnectionState.Unreachable, e.Message.Replace($"{ServerName}: ", "", StringComparison.Ordinal));
            throw;
        }
        catch (Exception) when (_tls.Mismatch is { } seen)
        {
            // A refused certificate is not retried on its own: the operator must look and `monitor server trust` it.
            Discard(socket);
            _refusedCode = ErrorCodes.TlsMismatch;
            var warning = Fleet.TlsPin.Warning(ServerName, _server.Url, _tls.Pinned!, seen);
            Backoff(AgentConnectionState.AuthFailed, warning);
            throw new AgentException(ServerName, ErrorCodes.TlsMismatch, warning);
        }
        catch (Exception e) when (e is WebSocketException or Websocket.Client.Exceptions.WebsocketException or OperationCanceledException or TimeoutException or System.Net.Http.HttpRequestException)
        {
            Discard(socket);
            if (ct.IsCancellationRequested) { SetState(AgentConnectionState.Disconnected, null); throw; }
            var reason = Describe(e);
            Backoff(AgentConnectionState.Unreachable, reason);
            throw new AgentException(ServerName, ErrorCodes.Unreachable, reason);
        }
        finally { slot?.Dispose(); }
    }

    /// <summary>Every connection of this client goes through its one handler (TLS settings and the pin check made
    /// once, not per dial, and a reconnect may resume the TLS session).</summary>
    private async Task<WebSocket> OpenSocketAsync(Uri uri, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(uri, _invoker, ct).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Discard(WebsocketClient socket)
    {
        if (ReferenceEquals(_socket, socket)) _socket = null;
        socket.Dispose();
    }

    private string Describe(Exception e)
    {
        var inner = e.InnerException?.Message ?? e.Message;
        return e is OperationCanceledException or TimeoutException
            ? $"cannot reach {_server.Url}: no answer within {_options.ConnectTimeout.TotalSeconds:0} s; is monitor-agent running and reachable?"
            : $"cannot reach {_server.Url}: {inner}; is monitor-agent running?";
    }

    private void Backoff(AgentConnectionState state, string reason)
    {
        _nextAttemptAt = DateTimeOffset.UtcNow + _options.Backoff.DelayFor(_failedAttempts++);
        SetState(state, reason);
    }

    private void OnMessage(WebsocketClient socket, ResponseMessage message)
    {
        if (message.MessageType != WebSocketMessageType.Text || message.Text is null) return;
        if (message.Text.Length > _options.MaxFrameBytes) return;
        var parsed = FrameCodec.Decode(message.Text);
        if (parsed.Envelope is not { } frame) return;
        switch (frame.Type)
        {
            case FrameTypes.Hello:
                var hello = ProtocolJson.FromElement<HelloPayload>(frame.Payload);
                if (hello is null) return;
                var signature = _key.Sign(AuthChallenge.BuildMessage(hello.Nonce, hello.ConnectionId, ProtocolVersion.Current));
                var auth = new AuthPayload(ProtocolVersion.Current, _key.PublicKeyLine(_user), Convert.ToBase64String(signature), _user);
                socket.Send(FrameCodec.EncodeText(new Envelope { Type = FrameTypes.Auth, Payload = ProtocolJson.ToElement(auth) }));
                return;
            case FrameTypes.AuthOk:
                var granted = ProtocolJson.FromElement<AuthOkPayload>(frame.Payload);
                (Role, KeyName, AgentVersion) = (granted?.Role, granted?.KeyName, granted?.AgentVersion);
                _handshake?.TrySetResult(true);
                return;
            case FrameTypes.Error when frame.Id is null && _handshake is { Task.IsCompleted: false } handshake:
                handshake.TrySetException(new AgentException(ServerName, frame.Error?.Code ?? ErrorCodes.AuthFailed,
                    frame.Error?.Code == ErrorCodes.AuthFailed
                        ? $"{_server.Url} refused this console's key; add the line from `monitor init` (key {_key.Fingerprint}) to the agent's authorized_keys"
                        : frame.Error?.Message ?? "handshake refused"));
                return;
        }
        if (frame.Id is null) return;
        if (_pending.TryRemove(frame.Id, out var pending)) pending.TrySetResult(frame);
        else if (_streams.TryGetValue(frame.Id, out var stream)) stream.OnFrame(frame);
    }

    private void OnDisconnected(WebsocketClient socket, DisconnectionInfo info)
    {
        if (!ReferenceEquals(socket, _socket)) return;
        _handshake?.TrySetException(new AgentException(ServerName, ErrorCodes.Unreachable, $"{_server.Url} closed the connection during the handshake"));
        if (State != AgentConnectionState.Online) return;
        var reason = $"lost the connection to {_server.Url}" + (info.CloseStatusDescription is { Length: > 0 } d ? $" ({d})" : "");
        FailAll(new AgentException(ServerName, ErrorCodes.Unreachable, reason));
        _nextAttemptAt = DateTimeOffset.MinValue;
        SetState(AgentConnectionState.Unreachable, reason);
        _reconnectLoop ??= Task.Run(ReconnectLoopAsync);
    }

    /// <summary>After a drop, keeps trying in the background with backoff so the next request finds it online.</summary>
    private async Task ReconnectLoopAsync()
    {
        try
        {
            while (!_disposed.IsCancellationRequested && State != AgentConnectionState.Online && State != AgentConnectionState.AuthFailed)
            {
                var wait = _nextAttemptAt - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _disposed.Token).ConfigureAwait(false);
                try { await EnsureConnectedAsync(_disposed.Token).ConfigureAwait(false); }
                catch (AgentException) { }
            }
        }
        catch (OperationCanceledException) { }
        finally { _reconnectLoop = null; }
    }

    private void FailAll(Exception error)
    {
        foreach (var id in _pending.Keys)
            if (_pending.TryRemove(id, out var p)) p.TrySetException(error);
        foreach (var id in _streams.Keys)
            if (_streams.TryRemove(id, out var s)) s.Fail(error);
    }

    /// <summary>Waits until the client is online again (after a drop), up to <paramref name="maxWait"/>.</summary>
    public async Task WaitOnlineAsync(TimeSpan maxWait, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + maxWait;
        while (true)
        {
            try { await EnsureConnectedAsync(ct).ConfigureAwait(false); return; }
            catch (AgentException e) when (e.Code == ErrorCodes.Unreachable && DateTimeOffset.UtcNow < deadline)
            {
                var wait = _nextAttemptAt - DateTimeOffset.UtcNow;
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(100), ct).ConfigureAwait(false);
            }
        }
    }

    public async Task<TResponse> RequestAsync<TRequest, TResponse>(RequestMethod<TRequest, TResponse> method, TRequest request, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        await EnsureConnectedAsync(ct).ConfigureAwait(false);
        var id = NextId();
        var answer = new TaskCompletionSource<Envelope>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout ?? _options.RequestTimeout);
        try
        {
            await SendAsync(FrameCodec.Request(id, method.Name, request)).ConfigureAwait(false);
            var frame = await answer.Task.WaitAsync(limit.Token).ConfigureAwait(false);
            if (frame.Type == FrameTypes.Error)
                throw new AgentException(ServerName, frame.Error?.Code ?? ErrorCodes.Internal, frame.Error?.Message ?? $"{method} failed");
            return ProtocolJson.FromElement<TResponse>(frame.Payload)!;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await SendAsync(FrameCodec.Cancel(id)).ConfigureAwait(false);
            throw new AgentException(ServerName, ErrorCodes.Timeout, $"{method} got no answer within {(timeout ?? _options.RequestTimeout).TotalSeconds:0} s");
        }
        catch (OperationCanceledException)
        {
            await SendAsync(FrameCodec.Cancel(id)).ConfigureAwait(false);
            throw;
        }
        finally { _pending.TryRemove(id, out _); }
    }

    public async Task<IAgentStream<TItem, TEnd>> OpenStreamAsync<TRequest, TItem, TEnd>(StreamMethod<TRequest, TItem, TEnd> method, TRequest request, CancellationToken ct = default)
    {
        await EnsureConnectedAsync(ct).ConfigureAwait(false);
        var id = NextId();
        var stream = new AgentStream<TItem, TEnd>(this, id);
        _streams[id] = stream;
        await SendAsync(FrameCodec.Request(id, method.Name, request)).ConfigureAwait(false);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(_options.RequestTimeout);
        try { await stream.Opened.WaitAsync(limit.Token).ConfigureAwait(false); }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return stream;
    }

    internal Task SendAsync(Envelope envelope)
    {
        var socket = _socket;
        if (socket is null || State != AgentConnectionState.Online) return Task.CompletedTask;
        socket.Send(FrameCodec.EncodeText(envelope));
        return Task.CompletedTask;
    }

    internal void Unregister(string id) => _streams.TryRemove(id, out _);

    private string NextId() => "c" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void SetState(AgentConnectionState state, string? error)
    {
        LastError = error;
        if (State == state) return;
        State = state;
        StateChanged?.Invoke(this, state);
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        FailAll(new AgentException(ServerName, ErrorCodes.Cancelled, "console is closing"));
        var socket = _socket;
        _socket = null;
        SetState(AgentConnectionState.Disconnected, null);
        if (socket is not null)
        {
            try { await socket.Stop(WebSocketCloseStatus.NormalClosure, "bye").WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); }
            catch (Exception e) when (e is TimeoutException or WebSocketException or Websocket.Client.Exceptions.WebsocketException or ObjectDisposedException) { }
            socket.Dispose();
        }
        _invoker.Dispose();
    }
}
