using MimeKit;
using Monitor.Shared.Config;

namespace Monitor.Control.Notifications;

/// <summary>A checked email channel: where to send and as whom; <see cref="Password"/> was read from its env/file reference.</summary>
public sealed record EmailSettings(string Host, int Port, bool StartTls, string From, IReadOnlyList<string> To, string? Username, string? Password)
{
    /// <summary>Checks an email [[watch.channels]] entry; the message names the setting and how to fix it.</summary>
    public static EmailSettings Check(NotificationChannelConfig c, string where, string configDirectory)
    {
        if (string.IsNullOrWhiteSpace(c.Host)) throw new FormatException($"{where}: an email channel needs host (the SMTP server)");
        if (c.Port is < 1 or > 65535) throw new FormatException($"{where}: port {c.Port} is not a TCP port (1-65535)");
        var startTls = c.Security switch
        {
            "starttls" => true,
            "none" => false,
            _ => throw new FormatException($"{where}: security '{c.Security}' is unknown; use starttls or none"),
        };
        if (string.IsNullOrWhiteSpace(c.From) || !MailboxAddress.TryParse(c.From, out _))
            throw new FormatException($"{where}: from must be an email address (e.g. from = \"monitor@example.com\")");
        if (c.To.Count == 0) throw new FormatException($"{where}: to must list at least one recipient (e.g. to = [\"ops@example.com\"])");
        if (c.To.FirstOrDefault(t => !MailboxAddress.TryParse(t, out _)) is { } bad) throw new FormatException($"{where}: to: '{bad}' is not an email address");
        string? password = null;
        if (c.PasswordEnv is { Length: > 0 } env)
            password = Environment.GetEnvironmentVariable(env) is { Length: > 0 } v ? v : throw new FormatException($"{where}: environment variable {env} (password_env) is not set");
        else if (c.PasswordFile is { Length: > 0 } file)
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(configDirectory, file);
            password = File.Exists(path) ? File.ReadAllText(path).TrimEnd('\r', '\n') : throw new FormatException($"{where}: password_file {path} does not exist");
        }
        if (password is not null && string.IsNullOrEmpty(c.Username)) throw new FormatException($"{where}: a password is set but no username; add username");
        if (!string.IsNullOrEmpty(c.Username) && password is null)
            throw new FormatException($"{where}: username is set but no password; set password_env or password_file (never the password itself)");
        return new EmailSettings(c.Host, c.Port, startTls, c.From, c.To, c.Username, password);
    }
}
