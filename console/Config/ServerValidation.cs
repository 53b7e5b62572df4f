using System.Text.RegularExpressions;

namespace Monitor.Control.Config;

/// <summary>Server names and agent urls: the rules shared by monitor.toml and `monitor server add`.</summary>
public static partial class ServerValidation
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]*$")]
    private static partial Regex NamePattern();

    /// <summary>Null when valid, else what is wrong and what to write instead.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrEmpty(name) ? "a server needs a name"
        : name.Length > 64 ? $"server name '{name}' is longer than 64 characters"
        : NamePattern().IsMatch(name) ? null
        : $"server name '{name}' is not valid: use lowercase letters, digits, '_', '.', '-', starting with a letter or digit";

    public static string? UrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "a server needs a url like ws://host:8120";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss") || string.IsNullOrEmpty(uri.Host))
            return $"url '{url}' is not valid: use ws://HOST:PORT or wss://HOST:PORT (the agent's listen address)";
        return null;
    }
}
