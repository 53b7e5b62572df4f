namespace Monitor.Shared.Models;

/// <summary>Tells SSH repo URLs (ssh://, git+ssh://, scp-like user@host:path) from https and local paths, and hides
/// the user-info part of a URL before it is shown.</summary>
public static class GitUrl
{
    public static bool IsSsh(string url)
    {
        if (url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("git+ssh://", StringComparison.OrdinalIgnoreCase))
            return true;
        if (url.Contains("://", StringComparison.Ordinal) || url.StartsWith('/') || url.StartsWith('.')) return false;
        // scp-like syntax: [user@]host:path, where the colon comes before any slash.
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var slash = url.IndexOf('/', StringComparison.Ordinal);
        return colon > 0 && (slash < 0 || colon < slash);
    }

    /// <summary>A URL without any user-info part (https://user:token@host → https://host).</summary>
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? url.Replace(uri.UserInfo + "@", "", StringComparison.Ordinal)
            : url;
}
