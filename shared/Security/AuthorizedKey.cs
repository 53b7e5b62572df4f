using Monitor.Shared.Protocol;

namespace Monitor.Shared.Security;

/// <summary>One line of an agent's authorized_keys: the key (base64 SPKI), what it may do (<c>role=</c>, admin when not
/// given, as SSH grants everything without options), who it is (<c>name=</c>, else the comment) and the rest of the line.</summary>
public sealed record AuthorizedKey(string PublicKey, AgentRole Role, string? Name, string Comment)
{
    public string Fingerprint => KeyFingerprint.Of(PublicKey);

    /// <summary>Name to show and record: name=, else the comment, else the fingerprint.</summary>
    public string DisplayName => Name ?? (Comment.Length > 0 ? Comment : Fingerprint);

    public static string RoleText(AgentRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The authorized_keys line for this key.</summary>
    public string ToLine() =>
        $"{ConsoleKeyPair.KeyType} {PublicKey} role={RoleText(Role)}" + (Name is null ? "" : $" name={Name}") + (Comment.Length > 0 ? $" {Comment}" : "");
}
