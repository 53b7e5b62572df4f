using System.Net.WebSockets;
using System.Reactive.Linq;
using System.Threading.Channels;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;
using Websocket.Client;

namespace Monitor.Control.Agents;

/// <summary>
/// One WebSocket connection to an agent (Websocket.Client with its own reconnection off: <see cref="AgentClient"/>
/// decides when to reconnect, with backoff). Runs the hello/auth handshake, then hands every frame to a router.
/// </summary>
internal sealed class AgentSocket : IDisposable
{
    private readonly Uri _url;
    private readonly WebsocketClient _ws;
    private readonly Channel<Envelope> _handshakeFrames = Channel.CreateUnbounded<Envelope>();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IDisposable> _subscriptions = [];
    private volatile Action<Envelope>? _router;

    public AgentSocket(Uri url, TimeSpan connectTimeout)
    {
        _url = url;
        _ws = new WebsocketClient(url, () => new ClientWebSocket
        {
            Options = { KeepAliveInterval = TimeSpan.FromSeconds(15), KeepAliveTimeout = TimeSpan.FromSeconds(30) },
        })
        {
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
            LostReconnectTimeout = null,
            ConnectTimeout = connectTimeout,
            Name = url.ToString(),
        };
        _subscriptions.Add(_ws.MessageReceived.Subscribe(OnMessage));
        _subscriptions.Add(_ws.DisconnectionHappened.Subscribe(OnDisconnected));
    }

    /// <summary>Completes (with a reason said for people) when the connection is gone.</summary>
    public Task<string> Closed => _closed.Task;

    public async Task<ConnectOutcome> ConnectAsync(ConsoleKeyPair key, string? user, TimeSpan handshakeTimeout, CancellationToken ct)
    {
        try
        {
            await _ws.StartOrFail().WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { throw; }
        catch (Exception ex)
        {
            return ConnectOutcome.Unreachable(ConnectionErrors.Describe(_url, ex));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(handshakeTimeout);
        try
        {
            var hello = await NextHandshakeFrameAsync(timeout.Token).ConfigureAwait(false);
            if (hello is null) return ConnectOutcome.Unreachable($"{_url.OriginalString} closed the connection before saying hello; is it a monitor-agent?");
            if (hello.Type == FrameTypes.Error) return Refusal(hello);
            var payload = hello.Type == FrameTypes.Hello ? ProtocolJson.FromElement<HelloPayload>(hello.Payload) : null;
            if (payload is null) return ConnectOutcome.Unreachable($"{_url.OriginalString} did not start with a hello frame; is it a monitor-agent?");
            if (payload.ProtocolVersion != ProtocolVersion.Current)
                return ConnectOutcome.Rejected($"{_url.OriginalString} speaks protocol {payload.ProtocolVersion}, this console speaks {ProtocolVersion.Current}; upgrade the older side");

            var signature = key.Sign(AuthChallenge.BuildMessage(payload.Nonce, payload.ConnectionId, ProtocolVersion.Current));
            var auth = new AuthPayload(ProtocolVersion.Current, key.PublicKeyLine(""), Convert.ToBase64String(signature), user);
            Send(new Envelope { Type = FrameTypes.Auth, Payload = ProtocolJson.ToElement(auth) });

            var answer = await NextHandshakeFrameAsync(timeout.Token).ConfigureAwait(false);
            if (answer is null)
                return ConnectOutcome.Rejected($"{_url.OriginalString} closed the connection during authentication; add this console's public key (monitor init prints it) to the agent's authorized_keys");
            if (answer.Type == FrameTypes.Error) return Refusal(answer);
            var ok = answer.Type == FrameTypes.AuthOk ? ProtocolJson.FromElement<AuthOkPayload>(answer.Payload) : null;
            if (ok is null) return ConnectOutcome.Unreachable($"{_url.OriginalString} answered the authentication with '{answer.Type}'; is it a monitor-agent?");
            return ConnectOutcome.Success(ok);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ConnectOutcome.Unreachable($"{_url.OriginalString} did not finish the handshake within {handshakeTimeout.TotalSeconds:0.#} s; check the agent's log");
        }
    }

    /// <summary>After a successful handshake: every further frame goes to <paramref name="router"/>.</summary>
    public void Route(Action<Envelope> router)
    {
        _router = router;
        while (_handshakeFrames.Reader.TryRead(out var early)) router(early);
    }

    public bool Send(Envelope envelope) => _ws.IsRunning && _ws.Send(FrameCodec.EncodeText(envelope));

    private ConnectOutcome Refusal(Envelope error)
    {
        var code = error.Error?.Code ?? ErrorCodes.Internal;
        var message = error.Error?.Message ?? "no reason given";
        return code is ErrorCodes.AuthFailed or ErrorCodes.AuthRequired or ErrorCodes.Forbidden
            ? ConnectOutcome.Rejected($"{_url.OriginalString} refused this console ({message}); add this console's public key (monitor init prints it) to the agent's authorized_keys")
            : code == ErrorCodes.VersionMismatch
                ? ConnectOutcome.Rejected($"{_url.OriginalString}: protocol version mismatch ({message}); upgrade the older side")
                : ConnectOutcome.Unreachable($"{_url.OriginalString} refused the connection: {message}");
    }

    private async Task<Envelope?> NextHandshakeFrameAsync(CancellationToken ct)
    {
        try
        {
            return await _handshakeFrames.Reader.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException) { return null; }
    }

    private void OnMessage(ResponseMessage message)
    {
        if (message.MessageType != WebSocketMessageType.Text || message.Text is null) return;
        var parsed = FrameCodec.Decode(message.Text);
        if (!parsed.IsOk) return;
        var router = _router;
        if (router is not null) router(parsed.Envelope!);
        else _handshakeFrames.Writer.TryWrite(parsed.Envelope!);
    }

    private void OnDisconnected(DisconnectionInfo info)
    {
        _handshakeFrames.Writer.TryComplete();
        var reason = info.Type switch
        {
            DisconnectionType.ByServer => $"the agent closed the connection{(string.IsNullOrEmpty(info.CloseStatusDescription) ? "" : $" ({info.CloseStatusDescription})")}",
            DisconnectionType.ByUser or DisconnectionType.Exit => "the console closed the connection",
            _ => info.Exception is null ? "the connection was lost" : ConnectionErrors.Describe(_url, info.Exception),
        };
        _closed.TrySetResult(reason);
    }

    public void Dispose()
    {
        foreach (var s in _subscriptions) s.Dispose();
        _handshakeFrames.Writer.TryComplete();
        _closed.TrySetResult("the console closed the connection");
        _ws.Dispose();
    }
}
