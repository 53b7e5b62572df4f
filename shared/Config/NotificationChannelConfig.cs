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
    /// <summary>email: SMTP server, sender and recipients; the password by reference.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 25;
    public string? SmtpUser { get; set; }
    public string? SmtpPasswordEnv { get; set; }
    public string? SmtpPasswordFile { get; set; }
    public bool SmtpStarttls { get; set; }
    public string? From { get; set; }
    public List<string> To { get; set; } = [];
    /// <summary>Delivery attempts before a failure is recorded.</summary>
    public int Attempts { get; set; } = 4;
}
