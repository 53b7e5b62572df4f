using System.Net.WebSockets;
using System.Text;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;

namespace Monitor.Agent.Tests.Support;

/// <summary>A bare test client: ClientWebSocket + FrameCodec + the ConsoleKeyPair handshake, able to send anything
/// (malformed frames, oversized frames, replayed signatures). A background loop collects every frame it receives.</summary>
public sealed class RawAgentClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ClientWebSocket _socket = new();
    private readonly List<Envelope> _inbox = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _reader;
    private int _nextId;

    public HelloPayload Hello { get; private set; } = null!;

    /// <summary>Close status the agent sent (null when the connection dropped without one), once closed.</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    public static async Task<RawAgentClient> ConnectAsync(Uri url)
    {
        var client = new RawAgentClient();
        client._socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true; // raw tests probe the protocol, not the pin
        await client._socket.ConnectAsync(url, CancellationToken.None);
        client._reader = Task.Run(client.ReadLoopAsync);
        var hello = await client.WaitForAsync(e => e.Type == FrameTypes.Hello);
        client.Hello = ProtocolJson.FromElement<HelloPayload>(hello.Payload)!;
        return client;
    }

    /// <summary>Connects and authenticates with <paramref name="key"/>; throws unless auth.ok arrives.</summary>
    public static async Task<RawAgentClient> ConnectAuthenticatedAsync(Uri url, ConsoleKeyPair key)
    {
        var client = await ConnectAsync(url);
        var answer = await client.AuthenticateAsync(key);
        if (answer.Type != FrameTypes.AuthOk) throw new InvalidOperationException($"auth refused: {answer.Error}");
        return client;
    }

    public static AuthPayload SignAuth(ConsoleKeyPair key, HelloPayload hello) =>
        new(ProtocolVersion.Current, key.PublicKeyLine("test"),
            Convert.ToBase64String(key.Sign(AuthChallenge.BuildMessage(hello.Nonce, hello.ConnectionId, ProtocolVersion.Current))), "tester");

    public Task<Envelope> AuthenticateAsync(ConsoleKeyPair key) => SendAuthAsync(SignAuth(key, Hello));

    public async Task<Envelope> SendAuthAsync(AuthPayload auth)
    {
        await SendAsync(new Envelope { Type = FrameTypes.Auth, Payload = ProtocolJson.ToElement(auth) });
        return await WaitForAsync(e => e.Type is FrameTypes.AuthOk or FrameTypes.Error);
    }

    public string NewId() => $"r{Interlocked.Increment(ref _nextId)}";

    public Task SendAsync(Envelope frame) => SendTextAsync(FrameCodec.EncodeText(frame));

    public async Task SendTextAsync(string text)
    {
        await _sendLock.WaitAsync();
        try { await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None); }
        finally { _sendLock.Release(); }
    }

    public async Task SendBytesAsync(byte[] bytes)
    {
        await _sendLock.WaitAsync();
        try { await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None); }
        finally { _sendLock.Release(); }
    }

    /// <summary>Sends a request and returns its id.</summary>
    public async Task<string> SendRequestAsync<T>(string method, T payload)
    {
        var id = NewId();
        await SendAsync(FrameCodec.Request(id, method, payload));
        return id;
    }

    public Task<string> SendRequestAsync<T>(AgentMethod method, T payload) => SendRequestAsync(method.Name, payload);

    public Task<TRes> RequestAsync<TReq, TRes>(RequestMethod<TReq, TRes> method, TReq payload) => RequestAsync<TReq, TRes>(method.Name, payload);

    public Task<StreamFrames<TItem, TEnd>> StreamAsync<TReq, TItem, TEnd>(StreamMethod<TReq, TItem, TEnd> method, TReq payload) =>
        StreamAsync<TReq, TItem, TEnd>(method.Name, payload);

    /// <summary>The response or error frame of request <paramref name="id"/>.</summary>
    public Task<Envelope> AnswerAsync(string id) => WaitForAsync(e => e.Id == id && e.Type is FrameTypes.Response or FrameTypes.Error);

    public async Task<TRes> RequestAsync<TReq, TRes>(string method, TReq payload)
    {
        var answer = await AnswerAsync(await SendRequestAsync(method, payload));
        if (answer.Type == FrameTypes.Error) throw new InvalidOperationException($"{method} failed: {answer.Error!.Code}: {answer.Error.Message}");
        return ProtocolJson.FromElement<TRes>(answer.Payload)!;
    }

    /// <summary>Opens a stream and collects its frames until stream.end (or an error frame).</summary>
    public async Task<StreamFrames<TItem, TEnd>> StreamAsync<TReq, TItem, TEnd>(string method, TReq payload)
    {
        var id = await SendRequestAsync(method, payload);
        return await CollectStreamAsync<TItem, TEnd>(id);
    }

    public async Task<StreamFrames<TItem, TEnd>> CollectStreamAsync<TItem, TEnd>(string id)
    {
        var frames = new List<Envelope>();
        while (true)
        {
            var frame = await WaitForAsync(e => e.Id == id);
            frames.Add(frame);
            if (frame.Type is FrameTypes.StreamEnd or FrameTypes.Error) return new StreamFrames<TItem, TEnd>(frames);
        }
    }

    /// <summary>Takes the first received frame matching <paramref name="match"/> (waiting for it).</summary>
    public async Task<Envelope> WaitForAsync(Func<Envelope, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Patience);
        while (true)
        {
            lock (_inbox)
            {
                var index = _inbox.FindIndex(e => match(e));
                if (index >= 0)
                {
                    var found = _inbox[index];
                    _inbox.RemoveAt(index);
                    return found;
                }
                if (_closed.Task.IsCompleted) throw new InvalidOperationException($"connection closed ({_closed.Task.Result}) before the expected frame arrived");
            }
            try { await _arrived.WaitAsync(cts.Token); }
            catch (OperationCanceledException) { throw new TimeoutException("the expected frame did not arrive"); }
        }
    }

    /// <summary>Frames received so far and not taken (snapshot).</summary>
    public IReadOnlyList<Envelope> Pending() { lock (_inbox) return _inbox.ToList(); }

    public async Task<WebSocketCloseStatus?> WaitClosedAsync()
    {
        var done = await Task.WhenAny(_closed.Task, Task.Delay(Patience));
        if (done != _closed.Task) throw new TimeoutException("the agent did not close the connection");
        return await _closed.Task;
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        var status = result.CloseStatus;
                        try { await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None); } catch (WebSocketException) { }
                        _closed.TrySetResult(status);
                        _arrived.Release();
                        return;
                    }
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage);
                var parsed = FrameCodec.Decode(message.ToArray());
                if (!parsed.IsOk) continue;
                lock (_inbox) _inbox.Add(parsed.Envelope!);
                _arrived.Release();
            }
        }
        catch (Exception)
        {
            _closed.TrySetResult(null);
            _arrived.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        }
        if (_reader is not null) await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(5)));
        _socket.Dispose();
    }
}
