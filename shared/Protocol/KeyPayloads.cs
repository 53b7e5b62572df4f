namespace Monitor.Shared.Protocol;

/// <summary>keys.list: nothing to ask.</summary>
public sealed record KeyListRequest;

/// <summary>One authorized_keys entry as the agent understood it (role viewer|operator|admin).</summary>
public sealed record AuthorizedKeyInfo(string Fingerprint, string Role, string? Name, string Comment);

public sealed record KeyListResult(IReadOnlyList<AuthorizedKeyInfo> Keys);

/// <summary>keys.add: lets <paramref name="PublicKey"/> (bare base64 or a whole key line) in with <paramref name="Role"/>
/// (viewer|operator|admin). Adding a key already listed replaces its role and name.</summary>
public sealed record KeyAddRequest(string PublicKey, string Role, string? Name, string? Comment);

/// <summary>keys.remove: the key with this SHA256:... fingerprint (see KeyFingerprint). The last admin key is never removed.</summary>
public sealed record KeyRemoveRequest(string Fingerprint);

/// <summary>What keys.add/keys.remove did: the key's fingerprint and whether the file changed.</summary>
public sealed record KeyChangeResult(string Fingerprint, bool Changed);
