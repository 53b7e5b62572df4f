namespace Monitor.Shared.Config;

/// <summary>[[watch.channels]]: where alerts are sent. <see cref="Type"/>: slack, discord, ntfy, webhook or email.
/// URLs that carry tokens are references only (<see cref="UrlEnv"/> / <see cref="UrlFile"/>), never values.</summary>
public sealed class NotificationChannelConfig
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public string? UrlEnv { get; set; }
    public string? UrlFile { get; set; }
    /// <summary>ntfy: the topic (the URL is the server, e.g. https://ntfy.sh).</summary>
    public string? Topic { get; set; }
    /// <summary>Only alerts at least this severe (warning or critical).</summary>
    public string MinSeverity { get; set; } = "warning";
    /// <summary>email: the SMTP server (host, port), the security ("starttls", the default, or "none"), sender and
    /// recipients; the login's password only by reference (password_env / password_file).</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string Security { get; set; } = "starttls";
    public string? Username { get; set; }
    public string? PasswordEnv { get; set; }
    public string? PasswordFile { get; set; }
    public string? From { get; set; }
    public List<string> To { get; set; } = [];
    /// <summary>Delivery attempts before a failure is recorded.</summary>
    public int Attempts { get; set; } = 4;
}
