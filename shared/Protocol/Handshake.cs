namespace Monitor.Shared.Protocol;

/// <summary>Agent → console, first frame. <paramref name="Nonce"/> is 32 fresh random bytes (base64),
/// <paramref name="ConnectionId"/> is unique per socket; both are bound into the signed challenge.</summary>
public sealed record HelloPayload(int ProtocolVersion, string AgentVersion, string Hostname, string Nonce, string ConnectionId);

/// <summary>Console → agent. <paramref name="PublicKey"/> is the console's public key in authorized-keys form
/// (see Security/ConsoleKeyPair); <paramref name="Signature"/> is base64 of the signature over
/// <c>AuthChallenge.BuildMessage(nonce, connectionId)</c>.</summary>
public sealed record AuthPayload(int ProtocolVersion, string PublicKey, string Signature, string? User);

/// <summary>Agent → console after a good signature. <paramref name="Role"/> (viewer|operator|admin) and
/// <paramref name="KeyName"/> are what the key's authorized_keys line grants and calls it (older agents send neither).</summary>
public sealed record AuthOkPayload(int ProtocolVersion, string AgentVersion, string Hostname, string? Role = null, string? KeyName = null);
