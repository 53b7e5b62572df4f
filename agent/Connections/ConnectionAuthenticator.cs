using System.Net.WebSockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;

namespace Monitor.Agent.Connections;

/// <summary>The hello → auth → auth.ok exchange. The challenge is a fresh 32-byte nonce bound to a unique connection id,
/// so a signature captured on one connection verifies on no other. The authorized keys file is read for every
/// connection: adding a key needs no restart. Failures get one error frame, then close 1008.</summary>
internal sealed class ConnectionAuthenticator(AgentConfig config, ILogger logger, RefusalLog? refusals = null)
{
    /// <summary>Frames before authentication are small; a stranger cannot make the agent buffer megabytes.</summary>
    private const int MaxUnauthenticatedFrameBytes = 64 * 1024;

    public async Task<AuthOutcome?> AuthenticateAsync(WebSocket socket, string remote, CancellationToken ct)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var connectionId = Guid.NewGuid().ToString("N");
        var hello = new HelloPayload(ProtocolVersion.Current, AgentVersionInfo.Version, Environment.MachineName, nonce, connectionId);
        await SendAsync(socket, new Envelope { Type = FrameTypes.Hello, Payload = ProtocolJson.ToElement(hello) }, ct).ConfigureAwait(false);

        // Cancelling a WebSocket receive aborts the socket, so the auth timeout races the receive instead.
        var receive = MessageReceiver.ReceiveAsync(socket, Math.Min(MaxUnauthenticatedFrameBytes, config.MaxFrameBytes), ct);
        var deadline = Task.Delay(TimeSpan.FromSeconds(Math.Max(1, config.AuthTimeoutSeconds)), ct);
        if (await Task.WhenAny(receive, deadline).ConfigureAwait(false) != receive)
        {
            ct.ThrowIfCancellationRequested();
            NoteRefusal(remote, $"no auth within {config.AuthTimeoutSeconds} s");
            try
            {
                await SendAsync(socket, FrameCodec.ErrorFrame(null, ErrorCodes.AuthRequired,
                    $"no auth frame within {config.AuthTimeoutSeconds} s; the console must answer hello with auth"), ct).ConfigureAwait(false);
                await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, ErrorCodes.AuthRequired, ct).ConfigureAwait(false);
                await Task.WhenAny(receive, Task.Delay(TimeSpan.FromSeconds(1), ct)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
            _ = receive.ContinueWith(t => t.Exception, TaskScheduler.Default); // observed: the socket is being torn down
            return null;
        }
        var message = await receive.ConfigureAwait(false);

        switch (message.Kind)
        {
            case ReceivedKind.Close:
                return null;
            case ReceivedKind.TooBig:
                NoteRefusal(remote, "frame too large before auth");
                await SendAndCloseAsync(socket, null, WebSocketCloseStatus.MessageTooBig, "frame too large before authentication", ct).ConfigureAwait(false);
                return null;
            case ReceivedKind.Binary:
                return await RefuseAsync(socket, remote, ErrorCodes.AuthRequired, "authenticate first: send an auth text frame", ct).ConfigureAwait(false);
        }

        var parsed = FrameCodec.Decode(message.Data);
        if (!parsed.IsOk || parsed.Envelope!.Type != FrameTypes.Auth)
            return await RefuseAsync(socket, remote, ErrorCodes.AuthRequired, "authenticate first: the first frame must be auth", ct).ConfigureAwait(false);

        AuthPayload? auth;
        try { auth = ProtocolJson.FromElement<AuthPayload>(parsed.Envelope.Payload); }
        catch (System.Text.Json.JsonException) { auth = null; }
        if (auth is null || string.IsNullOrWhiteSpace(auth.PublicKey) || string.IsNullOrWhiteSpace(auth.Signature))
            return await RefuseAsync(socket, remote, ErrorCodes.AuthFailed, "auth frame lacks publicKey or signature", ct).ConfigureAwait(false);

        if (auth.ProtocolVersion != ProtocolVersion.Current)
            return await RefuseAsync(socket, remote, ErrorCodes.VersionMismatch,
                $"this agent speaks protocol {ProtocolVersion.Current}, the console {auth.ProtocolVersion}; upgrade the older side", ct).ConfigureAwait(false);

        var keys = AuthorizedKeys.Load(config.AuthorizedKeys, out var problems);
        foreach (var problem in problems) logger.LogWarning("authorized keys: {Problem}", problem);

        byte[] signature;
        try { signature = Convert.FromBase64String(auth.Signature); }
        catch (FormatException) { signature = []; }

        var challenge = AuthChallenge.BuildMessage(nonce, connectionId, auth.ProtocolVersion);
        if (signature.Length == 0 || !keys.Verify(auth.PublicKey, challenge, signature))
        {
            var known = keys.Contains(auth.PublicKey);
            var why = known ? "signature does not match this connection's challenge" : "key not in authorized keys";
            if (refusals is null) logger.LogWarning("refused console from {Remote}: {Why} (key {Fingerprint})", remote, why, SafeFingerprint(auth.PublicKey));
            else refusals.Note(HostOf(remote), "auth failed", $"key {SafeFingerprint(auth.PublicKey)}: {why}");
            return await RefuseAsync(socket, remote, ErrorCodes.AuthFailed,
                "authentication failed: the key is not authorized on this agent or the signature does not match this connection's challenge; " +
                "add the console's public key (monitor init prints it) to the agent's authorized_keys", ct).ConfigureAwait(false);
        }

        var entry = keys.Find(auth.PublicKey)!;
        var ok = new AuthOkPayload(ProtocolVersion.Current, AgentVersionInfo.Version, Environment.MachineName, AuthorizedKey.RoleText(entry.Role), entry.DisplayName);
        await SendAsync(socket, new Envelope { Type = FrameTypes.AuthOk, Payload = ProtocolJson.ToElement(ok) }, ct).ConfigureAwait(false);
        return new AuthOutcome(SafeFingerprint(auth.PublicKey), auth.User, entry.Role, entry.DisplayName);
    }

    private static string SafeFingerprint(string publicKey)
    {
        var parts = publicKey.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        var key = parts.Length >= 2 && parts[0] == ConsoleKeyPair.KeyType ? parts[1] : parts.FirstOrDefault() ?? "";
        try { return KeyFingerprint.Of(key); }
        catch (FormatException) { return "(not base64)"; }
    }

    private void NoteRefusal(string remote, string reason)
    {
        if (refusals is null) logger.LogInformation("closing unauthenticated connection from {Remote}: {Reason}", remote, reason);
        else refusals.Note(HostOf(remote), reason);
    }

    /// <summary>"1.2.3.4" of "1.2.3.4:5678" (the per-address summary counts hosts, not ports).</summary>
    private static string HostOf(string remote)
    {
        var colon = remote.LastIndexOf(':');
        return colon > 0 ? remote[..colon] : remote;
    }

    private async Task<AuthOutcome?> RefuseAsync(WebSocket socket, string remote, string code, string message, CancellationToken ct)
    {
        if (code != ErrorCodes.AuthFailed) NoteRefusal(remote, code);
        await SendAndCloseAsync(socket, FrameCodec.ErrorFrame(null, code, message), WebSocketCloseStatus.PolicyViolation, code, ct).ConfigureAwait(false);
        return null;
    }

    public static async Task SendAndCloseAsync(WebSocket socket, Envelope? frame, WebSocketCloseStatus status, string reason, CancellationToken ct)
    {
        try
        {
            if (frame is not null) await SendAsync(socket, frame, ct).ConfigureAwait(false);
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(status, reason, ct).ConfigureAwait(false);
            await MessageReceiver.DrainUntilCloseAsync(socket, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the peer left first
        }
    }

    private static Task SendAsync(WebSocket socket, Envelope frame, CancellationToken ct) =>
        socket.SendAsync(FrameCodec.Encode(frame), WebSocketMessageType.Text, endOfMessage: true, ct);
}
