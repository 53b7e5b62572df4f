using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Support;

/// <summary>
/// A minimal scripted WebSocket peer speaking the agent protocol, for unit-testing the client's own logic
/// (out-of-order frames, dropped connections) that a well-behaved real agent never produces.
/// </summary>
public sealed class ScriptedAgent : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly AuthorizedKeys _keys;
    private readonly Func<ScriptedConnection, Envelope, Task> _onRequest;
    private readonly Task _accept;
    private readonly List<WebSocket> _sockets = [];
    private int _connections;

    public ScriptedAgent(string authorizedKeyLine, Func<ScriptedConnection, Envelope, Task> onRequest)
    {
        _keys = AuthorizedKeys.Parse(authorizedKeyLine, "scripted", out _);
        _onRequest = onRequest;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _accept = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }
    public Uri Url => new($"ws://127.0.0.1:{Port}");
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Closes every open socket at once (like a restarting agent); new connections are still accepted.</summary>
    public void DropAll()
    {
        WebSocket[] sockets;
        lock (_sockets)
        {
            sockets = [.. _sockets];
            _sockets.Clear();
        }
        foreach (var s in sockets)
        {
            try { s.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "going away", CancellationToken.None).Wait(TimeSpan.FromSeconds(5)); }
            catch (Exception) { /* already gone */ }
            s.Abort();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _connections);
        var ws = (await context.AcceptWebSocketAsync(null)).WebSocket;
        lock (_sockets) _sockets.Add(ws);
        var connection = new ScriptedConnection(ws);
        try
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var connectionId = Guid.NewGuid().ToString("N");
            await connection.SendAsync(new Envelope { Type = FrameTypes.Hello, Payload = ProtocolJson.ToElement(new HelloPayload(ProtocolVersion.Current, "scripted", "test", nonce, connectionId)) });
            var auth = await connection.ReceiveAsync(_stop.Token);
            var payload = ProtocolJson.FromElement<AuthPayload>(auth?.Payload);
            if (payload is null || !_keys.Verify(payload.PublicKey, AuthChallenge.BuildMessage(nonce, connectionId, ProtocolVersion.Current), Convert.FromBase64String(payload.Signature)))
            {
                await connection.SendAsync(FrameCodec.ErrorFrame(null, ErrorCodes.AuthFailed, "key not in authorized_keys"));
                await ws.CloseAsync(WebSocketCloseStatus.PolicyViolation, "auth failed", CancellationToken.None);
                return;
            }
            await connection.SendAsync(new Envelope { Type = FrameTypes.AuthOk, Payload = ProtocolJson.ToElement(new AuthOkPayload(ProtocolVersion.Current, "scripted", "test")) });
            while (await connection.ReceiveAsync(_stop.Token) is { } frame)
                if (frame.Type == FrameTypes.Request) _ = Task.Run(() => _onRequest(connection, frame));
                else if (frame.Type == FrameTypes.Cancel) connection.Cancelled.Add(frame.Id!);
        }
        catch (Exception) { /* connection dropped */ }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        DropAll();
        _listener.Stop();
        _listener.Close();
        try { await _accept; } catch (Exception) { }
    }
}

public sealed class ScriptedConnection(WebSocket ws)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public System.Collections.Concurrent.ConcurrentBag<string> Cancelled { get; } = [];

    public async Task SendAsync(Envelope envelope)
    {
        await _sendLock.WaitAsync();
        try { await ws.SendAsync(FrameCodec.Encode(envelope), WebSocketMessageType.Text, true, CancellationToken.None); }
        finally { _sendLock.Release(); }
    }

    public void Abort() => ws.Abort();

    public async Task<Envelope?> ReceiveAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) break;
        }
        return FrameCodec.Decode(Encoding.UTF8.GetString(message.ToArray())).Envelope;
    }
}
