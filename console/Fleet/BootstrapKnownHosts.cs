using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Control.Fleet;

/// <summary>OpenSSH known_hosts files for the bootstrap's host-key check. Written by hand because SSH.NET leaves
/// host-key trust to the caller: plain and hashed (|1|salt|hash) host patterns, [host]:port, * and ? wildcards,
/// !negation, @revoked; @cert-authority lines are ignored.</summary>
public sealed class BootstrapKnownHosts(IReadOnlyList<string> files)
{
    public IReadOnlyList<string> Files { get; } = files;

    /// <summary>What the files say about <paramref name="keyBlob"/> for host:port.</summary>
    public HostKeyVerdict Check(string host, int port, byte[] keyBlob)
    {
        var names = HostNames(host, port);
        var type = KeyType(keyBlob);
        HostKeyVerdict? changed = null;
        foreach (var file in Files.Where(File.Exists))
        {
            var number = 0;
            foreach (var raw in File.ReadLines(file))
            {
                number++;
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                var marker = parts[0].StartsWith('@') ? parts[0] : null;
                if (marker is not null) parts = parts[1..];
                if (parts.Length < 3 || marker == "@cert-authority") continue;
                if (!names.Any(n => Matches(parts[0], n))) continue;
                byte[] known;
                try { known = Convert.FromBase64String(parts[2]); }
                catch (FormatException) { continue; }
                var where = $"{file}:{number}";
                if (known.AsSpan().SequenceEqual(keyBlob))
                    return marker == "@revoked" ? new HostKeyVerdict(HostKeyState.Revoked, where, null) : new HostKeyVerdict(HostKeyState.Known, where, null);
                if (marker is null && parts[1] == type) changed ??= new HostKeyVerdict(HostKeyState.Changed, where, Fingerprint(known));
            }
        }
        return changed ?? new HostKeyVerdict(HostKeyState.Unknown, null, null);
    }

    /// <summary>Records the key for host:port in <paramref name="file"/> (made with its directory when missing).</summary>
    public static void Append(string file, string host, int port, byte[] keyBlob)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        File.AppendAllText(file, $"{HostNames(host, port)[0]} {KeyType(keyBlob)} {Convert.ToBase64String(keyBlob)}\n");
    }

    /// <summary>SHA256:BASE64 without padding, as ssh-keygen -l prints.</summary>
    public static string Fingerprint(byte[] keyBlob) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>The key type written at the start of an SSH public key blob (ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa...).</summary>
    public static string KeyType(byte[] keyBlob)
    {
        if (keyBlob.Length < 4) return "unknown";
        var length = BinaryPrimitives.ReadInt32BigEndian(keyBlob);
        return length > 0 && length <= keyBlob.Length - 4 ? Encoding.ASCII.GetString(keyBlob, 4, length) : "unknown";
    }

    private static string[] HostNames(string host, int port) => port == 22 ? [host] : [$"[{host}]:{port}"];

    private static bool Matches(string patterns, string name)
    {
        if (patterns.StartsWith("|1|", StringComparison.Ordinal)) return HashedMatches(patterns, name);
        var matched = false;
        foreach (var pattern in patterns.Split(','))
        {
            var negated = pattern.StartsWith('!');
            var glob = negated ? pattern[1..] : pattern;
            if (!Regex.IsMatch(name, "^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase)) continue;
            if (negated) return false;
            matched = true;
        }
        return matched;
    }

    private static bool HashedMatches(string hashed, string name)
    {
        var parts = hashed.Split('|');
        if (parts.Length != 4) return false;
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var hash = Convert.FromBase64String(parts[3]);
            return HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(name)).AsSpan().SequenceEqual(hash);
        }
        catch (FormatException) { return false; }
    }
}
