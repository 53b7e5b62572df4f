using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Monitor.Control.Notifications;

/// <summary>Email over SMTP (MailKit): one message per notice to every recipient; the subject is the notice's title,
/// the body its text and the alert's details. Any failure (refused, down, rejected) throws <see cref="IOException"/>
/// so the dispatcher retries it and records the failure.</summary>
public sealed class EmailChannel(string name, EmailSettings settings) : INotificationChannel
{
    public string Name { get; } = name;
    public string Type => "email";

    public async Task SendAsync(AlertNotice notice, CancellationToken ct)
    {
        using var message = Build(notice);
        using var smtp = new SmtpClient { Timeout = 15_000 };
        try
        {
            await smtp.ConnectAsync(settings.Host, settings.Port, settings.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct).ConfigureAwait(false);
            if (settings.Username is { Length: > 0 } user)
                await smtp.AuthenticateAsync(user, settings.Password ?? "", ct).ConfigureAwait(false);
            await smtp.SendAsync(message, ct).ConfigureAwait(false);
            await smtp.DisconnectAsync(true, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not IOException)
        {
            throw new IOException($"email channel {Name} via {settings.Host}:{settings.Port}: {e.Message}", e);
        }
    }

    public MimeMessage Build(AlertNotice notice)
    {
        var a = notice.Alert;
        var message = new MimeMessage { Subject = notice.Title };
        message.From.Add(MailboxAddress.Parse(settings.From));
        foreach (var to in settings.To) message.To.Add(MailboxAddress.Parse(to));
        var lines = new[]
        {
            a.Message, "",
            $"status:   {notice.Status}",
            $"rule:     {a.Rule} ({a.Kind})",
            $"server:   {a.Server}",
            $"subject:  {(a.Subject.Length == 0 ? "-" : a.Subject)}",
            $"severity: {a.Severity.ToString().ToLowerInvariant()}",
            $"opened:   {a.Opened.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}",
            a.Resolved is { } r ? $"resolved: {r.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}" : "",
            $"id:       {a.Id}",
        };
        message.Body = new TextPart("plain") { Text = string.Join("\n", lines.Where((l, i) => i < 2 || l.Length > 0)) + "\n" };
        return message;
    }
}
