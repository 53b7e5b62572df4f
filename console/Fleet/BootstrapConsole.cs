using System.Text.RegularExpressions;
using Monitor.Shared.Security;

namespace Monitor.Control.Fleet;

/// <summary>What a bootstrap needs of this console: its public key and name for the agent's authorized_keys (role=admin
/// name=NAME), the known_hosts files trusted for SSH host keys (~/.ssh/known_hosts and the console's own beside its
/// key) and the one new keys are recorded in (the console's own).</summary>
public sealed partial record BootstrapConsole(string PublicKeyBase64, string KeyName, IReadOnlyList<string> KnownHostsFiles, string RecordKnownHostsTo)
{
    public static BootstrapConsole FromKey(string keyPath)
    {
        using var key = ConsoleKeyPair.Load(keyPath);
        var own = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(keyPath))!, "known_hosts");
        var user = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");
        return new BootstrapConsole(key.PublicKeyBase64, NameFrom(keyPath), [user, own], own);
    }

    /// <summary>The key's comment (from KEY.pub) as an authorized_keys name= (letters, digits, _ . @ -; at most 64).</summary>
    public static string NameFrom(string keyPath)
    {
        var pub = keyPath + ".pub";
        var parts = File.Exists(pub) ? File.ReadAllText(pub).Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries) : [];
        var name = parts.Length == 3 ? NotNameChars().Replace(parts[2], "-") : "";
        if (name.Length > 64) name = name[..64];
        return name.Length == 0 ? "console" : name;
    }

    [GeneratedRegex("[^A-Za-z0-9_.@-]")]
    private static partial Regex NotNameChars();
}
