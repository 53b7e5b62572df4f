using Monitor.Shared.Config;

namespace Monitor.Control.Notifications;

/// <summary>The channel types, one line each, and how a [[watch.channels]] entry becomes a channel. URLs come only
/// from an env var or a file (they carry tokens).</summary>
public static class NotificationChannels
{
    public static readonly IReadOnlyDictionary<string, Func<NotificationChannelConfig, string, HttpClient, INotificationChannel>> All =
        new Dictionary<string, Func<NotificationChannelConfig, string, HttpClient, INotificationChannel>>(StringComparer.Ordinal)
        {
            ["slack"] = (c, url, http) => new SlackChannel(c.Name, url, http),
            ["discord"] = (c, url, http) => new DiscordChannel(c.Name, url, http),
            ["ntfy"] = (c, url, http) => new NtfyChannel(c.Name, url, c.Topic ?? throw new FormatException($"[[watch.channels]] {c.Name}: ntfy needs topic"), http),
            ["webhook"] = (c, url, http) => new WebhookChannel(c.Name, url, http),
        };

    /// <summary>Types that are not a URL: email (SMTP; see <see cref="EmailSettings"/>).</summary>
    public static readonly IReadOnlyList<string> Others = ["email"];

    public static INotificationChannel Create(NotificationChannelConfig c, string configDirectory, HttpClient http)
    {
        var where = $"[[watch.channels]] {(string.IsNullOrWhiteSpace(c.Name) ? "(no name)" : c.Name)}";
        if (string.IsNullOrWhiteSpace(c.Name)) throw new FormatException($"{where}: give the channel a name");
        if (c.Type == "email") return new EmailChannel(c.Name, EmailSettings.Check(c, where, configDirectory));
        if (!All.TryGetValue(c.Type, out var create))
            throw new FormatException($"{where}: type '{c.Type}' is unknown; use one of {string.Join(", ", All.Keys.Concat(Others))}");
        return create(c, ResolveUrl(c, where, configDirectory), http);
    }

    private static string ResolveUrl(NotificationChannelConfig c, string where, string configDirectory)
    {
        string? url = null;
        if (c.UrlEnv is { Length: > 0 } env)
            url = Environment.GetEnvironmentVariable(env) is { Length: > 0 } v ? v : throw new FormatException($"{where}: environment variable {env} (url_env) is not set");
        else if (c.UrlFile is { Length: > 0 } file)
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(configDirectory, file);
            url = File.Exists(path) ? File.ReadAllText(path).Trim() : throw new FormatException($"{where}: url_file {path} does not exist");
        }
        else throw new FormatException($"{where}: set url_env or url_file (the URL carries a token, so it is never written in monitor.toml)");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new FormatException($"{where}: the URL from {(c.UrlEnv is not null ? "url_env" : "url_file")} is not an http(s) URL");
        return url;
    }
}
