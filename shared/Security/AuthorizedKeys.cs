using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Monitor.Shared.Protocol;

namespace Monitor.Shared.Security;

/// <summary>The agent's list of console public keys, one per line like SSH's authorized_keys:
/// <c>monitor-ecdsa-p256 BASE64 [role=viewer|operator|admin] [name=alice] [comment]</c>. Options may stand anywhere
/// after the key; a key without role= is admin (as before roles existed). Blank lines and lines starting with # are
/// ignored; a line with a bad option is skipped with a problem (never let in with more than it was given).</summary>
public sealed partial class AuthorizedKeys
{
    private readonly Dictionary<string, AuthorizedKey> _keys; // base64 SPKI → entry

    private AuthorizedKeys(Dictionary<string, AuthorizedKey> keys) => _keys = keys;

    [GeneratedRegex(@"^[A-Za-z0-9_.@-]{1,64}\z")]
    private static partial Regex ValidName();

    public IReadOnlyCollection<AuthorizedKey> Entries => _keys.Values;

    /// <summary>The entry of a public key given as bare base64 or as a whole line.</summary>
    public AuthorizedKey? Find(string publicKey) => _keys.GetValueOrDefault(Normalize(publicKey));

    public int Count => _keys.Count;

    public static AuthorizedKeys Parse(string text, string sourceName, out IReadOnlyList<string> problems)
    {
        var keys = new Dictionary<string, AuthorizedKey>(StringComparer.Ordinal);
        var errors = new List<string>();
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || parts[0] != ConsoleKeyPair.KeyType)
            {
                errors.Add($"{sourceName}:{lineNo}: expected '{ConsoleKeyPair.KeyType} <base64-key> [comment]' (the line `monitor init` prints)");
                continue;
            }
            if (!IsValidPublicKey(parts[1]))
            {
                errors.Add($"{sourceName}:{lineNo}: the key is not a valid P-256 public key; copy it again from the console's `monitor init` output");
                continue;
            }
            if (TryReadOptions(parts.Length > 2 ? parts[2] : "", out var role, out var name, out var comment, out var optionProblem))
                keys[parts[1]] = new AuthorizedKey(parts[1], role, name, comment);
            else
                errors.Add($"{sourceName}:{lineNo}: {optionProblem}; the key is not let in until the line is fixed");
        }
        problems = errors;
        return new AuthorizedKeys(keys);
    }

    public static AuthorizedKeys Load(string path, out IReadOnlyList<string> problems) =>
        File.Exists(path)
            ? Parse(File.ReadAllText(path), path, out problems)
            : Parse("", path, out problems);

    private static bool TryReadOptions(string rest, out AgentRole role, out string? name, out string comment, out string problem)
    {
        role = AgentRole.Admin; name = null; problem = "";
        var words = new List<string>();
        var seenRole = false;
        foreach (var word in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith("role=", StringComparison.Ordinal))
            {
                var value = word[5..];
                if (seenRole || !TryParseRole(value, out role))
                {
                    comment = "";
                    problem = seenRole ? "role= is given twice" : $"role={value} is not a role: use role=viewer, role=operator or role=admin";
                    return false;
                }
                seenRole = true;
            }
            else if (word.StartsWith("name=", StringComparison.Ordinal))
            {
                var value = word[5..];
                if (name is not null || !ValidName().IsMatch(value))
                {
                    comment = "";
                    problem = name is not null ? "name= is given twice" : $"name={value} is not a name: use 1-64 letters, digits, '_', '.', '@', '-'";
                    return false;
                }
                name = value;
            }
            else words.Add(word);
        }
        comment = string.Join(' ', words);
        return true;
    }

    public static bool TryParseRole(string text, out AgentRole role)
    {
        role = AgentRole.Admin;
        switch (text)
        {
            case "viewer": role = AgentRole.Viewer; return true;
            case "operator": role = AgentRole.Operator; return true;
            case "admin": role = AgentRole.Admin; return true;
            default: return false;
        }
    }

    /// <summary>Accepts a public key given as a bare base64 SPKI or as a whole authorized-keys line.</summary>
    public bool Contains(string publicKey) => _keys.ContainsKey(Normalize(publicKey));

    public bool Verify(string publicKey, byte[] message, byte[] signature)
    {
        var key = Normalize(publicKey);
        if (!_keys.ContainsKey(key)) return false;
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(key), out _);
            return ecdsa.VerifyData(message, signature, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException) { return false; }
        catch (FormatException) { return false; }
    }

    private static string Normalize(string publicKey)
    {
        var parts = publicKey.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0] == ConsoleKeyPair.KeyType ? parts[1] : parts.Length > 0 ? parts[0] : "";
    }

    private static bool IsValidPublicKey(string base64)
    {
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(base64), out _);
            return ecdsa.KeySize == 256;
        }
        catch (Exception e) when (e is CryptographicException or FormatException) { return false; }
    }
}
