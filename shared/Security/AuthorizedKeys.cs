using System.Security.Cryptography;

namespace Monitor.Shared.Security;

/// <summary>The agent's list of console public keys, one per line like SSH's authorized_keys:
/// <c>monitor-ecdsa-p256 BASE64 comment</c>. Blank lines and lines starting with # are ignored.</summary>
public sealed class AuthorizedKeys
{
    private readonly Dictionary<string, string> _keys; // base64 SPKI → comment

    private AuthorizedKeys(Dictionary<string, string> keys) => _keys = keys;

    public int Count => _keys.Count;

    public static AuthorizedKeys Parse(string text, string sourceName, out IReadOnlyList<string> problems)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
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
            keys[parts[1]] = parts.Length > 2 ? parts[2] : "";
        }
        problems = errors;
        return new AuthorizedKeys(keys);
    }

    public static AuthorizedKeys Load(string path, out IReadOnlyList<string> problems) =>
        File.Exists(path)
            ? Parse(File.ReadAllText(path), path, out problems)
            : Parse("", path, out problems);

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
