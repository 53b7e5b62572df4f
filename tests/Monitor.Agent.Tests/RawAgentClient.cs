using System.Net.WebSockets;
using System.Text;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;

namespace Monitor.Agent.Tests;

/// <summary>A bare WebSocket client speaking the protocol by hand, so tests can also send what a real console never would.</summary>
internal sealed class RawAgentClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    public WebSocket Socket => _socket;
    public HelloPayload? Hello { get; private set; }

    public static async Task<RawAgentClient> ConnectAsync(Uri url)
    {
        var client = new RawAgentClient();
        await client._socket.ConnectAsync(url, Timeout(10));
        var hello = await client.ReceiveAsync();
        Assert.Equal(FrameTypes.Hello, hello!.Type);
        client.Hello = ProtocolJson.FromElement<HelloPayload>(hello.Payload);
        return client;
    }

    public static async Task<RawAgentClient> ConnectAuthenticatedAsync(Uri url, ConsoleKeyPair key)
    {
        var client = await ConnectAsync(url);
        var answer = await client.AuthenticateAsync(key);
        Assert.Equal(FrameTypes.AuthOk, answer!.Type);
        return client;
    }

    public AuthPayload SignAuth(ConsoleKeyPair key) =>
        new(ProtocolVersion.Current, key.PublicKeyLine("test"),
            Convert.ToBase64String(key.Sign(AuthChallenge.BuildMessage(Hello!.Nonce, Hello.ConnectionId, ProtocolVersion.Current))), "tester");

    public async Task<Envelope?> AuthenticateAsync(ConsoleKeyPair key) => await SendAuthAsync(SignAuth(key));

    public async Task<Envelope?> SendAuthAsync(AuthPayload auth)
    {
        await SendAsync(new Envelope { Type = FrameTypes.Auth, Payload = ProtocolJson.ToElement(auth) });
        return await ReceiveAsync();
    }

    public Task SendAsync(Envelope envelope) => SendTextAsync(FrameCodec.EncodeText(envelope));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, Timeout(10));

    public string NextId() => $"r{Interlocked.Increment(ref _nextId)}";

    /// <summary>The next frame, or null when the agent closed the socket.</summary>
    public async Task<Envelope?> ReceiveAsync(int timeoutSeconds = 30)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            WebSocketReceiveResult result;
            try { result = await _socket.ReceiveAsync(chunk, cts.Token); }
            catch (WebSocketException) { return null; }
            if (result.MessageType == WebSocketMessageType.Close) return null;
            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage) break;
        }
        var parsed = FrameCodec.Decode(buffer.ToArray());
        Assert.True(parsed.IsOk, parsed.Error?.Message);
        return parsed.Envelope;
    }

    /// <summary>Sends a request and returns the first frame answering its id.</summary>
    public async Task<Envelope> RequestAsync<T>(string method, T payload, string? id = null)
    {
        id ??= NextId();
        await SendAsync(FrameCodec.Request(id, method, payload));
        return await ReceiveForAsync(id);
    }

    public async Task<TRes> CallAsync<TReq, TRes>(string method, TReq payload)
    {
        var answer = await RequestAsync(method, payload);
        Assert.True(answer.Type == FrameTypes.Response, $"{method} answered {answer.Type}: {answer.Error?.Code} {answer.Error?.Message}");
        return ProtocolJson.FromElement<TRes>(answer.Payload)!;
    }

    public async Task<Envelope> ReceiveForAsync(string id, int timeoutSeconds = 30)
    {
        while (true)
        {
            var frame = await ReceiveAsync(timeoutSeconds) ?? throw new InvalidOperationException("agent closed the connection");
            if (frame.Id == id) return frame;
        }
    }

    /// <summary>Opens a stream and collects every data payload until stream.end (returned last).</summary>
    public async Task<(List<TItem> Items, Envelope End)> CollectStreamAsync<TReq, TItem>(string method, TReq payload, Func<List<TItem>, bool>? stopWhen = null, int timeoutSeconds = 60)
    {
        var id = NextId();
        await SendAsync(FrameCodec.Request(id, method, payload));
        var items = new List<TItem>();
        var first = await ReceiveForAsync(id, timeoutSeconds);
        Assert.True(first.Type == FrameTypes.Response, $"{method} answered {first.Type}: {first.Error?.Message}");
        long expectedSeq = 1;
        var cancelled = false;
        while (true)
        {
            var frame = await ReceiveForAsync(id, timeoutSeconds);
            Assert.Equal(expectedSeq++, frame.Seq);
            if (frame.Type == FrameTypes.StreamEnd) return (items, frame);
            Assert.Equal(FrameTypes.StreamData, frame.Type);
            items.Add(ProtocolJson.FromElement<TItem>(frame.Payload)!);
            if (!cancelled && stopWhen?.Invoke(items) == true)
            {
                cancelled = true;
                await SendAsync(FrameCodec.Cancel(id));
            }
        }
    }

    private static CancellationToken Timeout(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public async ValueTask DisposeAsync()
    {
        try { if (_socket.State == WebSocketState.Open) await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Timeout(2)); }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        _socket.Dispose();
    }
}
