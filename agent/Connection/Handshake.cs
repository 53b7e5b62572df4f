using System.Net.WebSockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;

namespace Monitor.Agent.Connection;

/// <summary>Challenge-response: a fresh nonce bound to this connection's id; the console signs it with a key listed
/// in authorized_keys (re-read per connection, so adding a key needs no restart).</summary>
internal static class Handshake
{
    public static async Task<AuthPayload?> RunAsync(WebSocket socket, AgentConfig config, Func<Envelope, Task> send, ILogger log, string remote, CancellationToken ct)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var connectionId = Guid.NewGuid().ToString("N");
        await send(new Envelope
        {
            Type = FrameTypes.Hello,
            Payload = ProtocolJson.ToElement(new HelloPayload(ProtocolVersion.Current, AgentVersion.Value, Environment.MachineName, nonce, connectionId)),
        }).ConfigureAwait(false);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(config.AuthTimeoutSeconds));
        MessageReadResult message;
        try { message = await MessageReader.ReadAsync(socket, config.MaxFrameBytes, timeout.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { return await RefuseAsync(socket, send, ErrorCodes.AuthRequired, "no auth frame in time", log, remote).ConfigureAwait(false); }
        if (message.Status != MessageReadStatus.Message) return null;

        var parsed = FrameCodec.Decode(message.Data.Span);
        if (parsed.Envelope is not { Type: FrameTypes.Auth } frame)
            return await RefuseAsync(socket, send, ErrorCodes.AuthRequired, "authenticate first: the first frame must be 'auth'", log, remote).ConfigureAwait(false);

        AuthPayload? auth;
        try { auth = ProtocolJson.FromElement<AuthPayload>(frame.Payload); }
        catch (System.Text.Json.JsonException) { auth = null; }
        if (auth is null)
            return await RefuseAsync(socket, send, ErrorCodes.AuthFailed, "auth payload is malformed", log, remote).ConfigureAwait(false);
        if (auth.ProtocolVersion != ProtocolVersion.Current)
            return await RefuseAsync(socket, send, ErrorCodes.VersionMismatch, $"agent speaks protocol {ProtocolVersion.Current}, console {auth.ProtocolVersion}: upgrade the older side", log, remote).ConfigureAwait(false);

        var keys = AuthorizedKeys.Load(config.AuthorizedKeys, out _);
        byte[] signature;
        try { signature = Convert.FromBase64String(auth.Signature); }
        catch (FormatException) { signature = []; }
        var message2 = AuthChallenge.BuildMessage(nonce, connectionId, ProtocolVersion.Current);
        if (!keys.Verify(auth.PublicKey, message2, signature))
            return await RefuseAsync(socket, send, ErrorCodes.AuthFailed,
                "this console's key is not authorized here (or the signature is wrong): add its public key line to the agent's authorized_keys", log, remote).ConfigureAwait(false);

        await send(new Envelope
        {
            Type = FrameTypes.AuthOk,
            Payload = ProtocolJson.ToElement(new AuthOkPayload(ProtocolVersion.Current, AgentVersion.Value, Environment.MachineName)),
        }).ConfigureAwait(false);
        log.LogInformation("console {User} authenticated from {Remote}", auth.User ?? "?", remote);
        return auth;
    }

    private static async Task<AuthPayload?> RefuseAsync(WebSocket socket, Func<Envelope, Task> send, string code, string message, ILogger log, string remote)
    {
        log.LogWarning("refused {Remote}: {Message}", remote, message);
        try { await send(FrameCodec.ErrorFrame(null, code, message)).ConfigureAwait(false); }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        await MessageReader.CloseQuietlyAsync(socket, WebSocketCloseStatus.PolicyViolation, code).ConfigureAwait(false);
        return null;
    }
}
