using Monitor.Control.Alerts;
using Monitor.Control.Notifications;
using Monitor.Control.Services;
using Monitor.Shared.Config;
using Monitor.Shared.Models;

namespace Monitor.Watch.Tests;

/// <summary>The email channel against a real local SMTP server (aiosmtpd): the dispatcher's delivery arrives with
/// the alert's subject, body and recipients and is recorded; a server that refuses or is down gets every attempt and a
/// recorded failed delivery.</summary>
public sealed class EmailChannelTests
{
    private static readonly AlertRecord Alert = new("20261202-abc123", "web-down", "container_stopped", "web-1", "mt-web",
        AlertSeverity.Critical, "container mt-web on web-1 is exited", new DateTimeOffset(2026, 12, 2, 4, 0, 0, TimeSpan.Zero));

    private static NotificationChannelConfig Email(int port) => new()
    {
        Name = "mail", Type = "email", Host = "127.0.0.1", Port = port, Security = "none",
        From = "monitor@example.test", To = ["ops@example.test", "oncall@example.test"], Attempts = 3,
    };

    [Fact]
    public async Task A_firing_alert_arrives_at_the_smtp_server_with_subject_body_and_recipients_and_is_recorded()
    {
        using var sink = await SmtpSink.StartAsync();
        var (backend, store) = await StoreBackend.CreateAsync("sqlite");
        await using var _ = backend;
        var channel = NotificationChannels.Create(Email(sink.Port), backend.SqlitePath, new HttpClient());
        var dispatcher = new NotificationDispatcher([(channel, AlertSeverity.Warning, 3)], new ActionRecorder(store, "test"), TimeSpan.FromMilliseconds(50), _ => { });

        dispatcher.Send(new AlertNotice("firing", Alert));
        dispatcher.Send(new AlertNotice("resolved", Alert with { Resolved = Alert.Opened.AddMinutes(3) }));
        await dispatcher.DrainAsync();

        var messages = sink.Messages;
        Assert.Equal(2, messages.Count);
        var all = messages.Select(m => m.GetProperty("data").GetString()!).ToList();
        var firing = all.Single(d => d.Contains("[FIRING]"));
        Assert.Contains("Subject: [FIRING] critical: web-down on web-1", firing);
        Assert.Contains("container mt-web on web-1 is exited", firing);
        Assert.Contains("severity: critical", firing);
        Assert.Contains("opened:   2026-12-02 04:00:00 UTC", firing);
        var resolved = all.Single(d => d.Contains("[RESOLVED]"));
        Assert.Contains("resolved: 2026-12-02 04:03:00 UTC", resolved);
        foreach (var m in messages)
        {
            Assert.Equal("monitor@example.test", m.GetProperty("from").GetString());
            Assert.Equal(["ops@example.test", "oncall@example.test"], m.GetProperty("to").EnumerateArray().Select(t => t.GetString()!).ToArray());
        }
        var sent = await store.QueryActionsAsync(new ActionQuery { Type = "notification.send" });
        Assert.Equal(2, sent.Count);
        Assert.All(sent, a => { Assert.True(a.Success); Assert.Equal("email", a.Parameters["type"]); Assert.Equal("1", a.Result["attempts"]); });
    }

    [Fact]
    public async Task A_server_that_refuses_gets_every_attempt_and_a_recorded_failed_delivery()
    {
        using var sink = await SmtpSink.StartAsync(refuse: true);
        var (backend, store) = await StoreBackend.CreateAsync("sqlite");
        await using var _ = backend;
        var down = Email(Monitor.TestSupport.FreePort.Next()); // nothing listens there
        down.Name = "down";
        var dispatcher = new NotificationDispatcher(
            [(NotificationChannels.Create(Email(sink.Port), "/", new HttpClient()), AlertSeverity.Warning, 3),
             (NotificationChannels.Create(down, "/", new HttpClient()), AlertSeverity.Warning, 2)],
            new ActionRecorder(store, "test"), TimeSpan.FromMilliseconds(50), _ => { });

        dispatcher.Send(new AlertNotice("firing", Alert));
        await dispatcher.DrainAsync();

        Assert.Equal(3, sink.Refused);
        Assert.Empty(sink.Messages);
        var failed = await store.QueryActionsAsync(new ActionQuery { Type = "notification.send", Success = false });
        Assert.Equal(2, failed.Count);
        var refused = failed.Single(a => a.Target == "mail");
        Assert.Contains("gave up after 3 attempts", refused.Error);
        Assert.Contains("refused by the test sink", refused.Error);
        Assert.Equal(3, refused.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("gave up after 2 attempts", failed.Single(a => a.Target == "down").Error);
    }

    [Fact]
    public async Task The_readme_email_channel_loads_from_monitor_toml_and_its_password_comes_from_the_file_it_names()
    {
        using var dir = new Monitor.TestSupport.TempDirectory();
        await File.WriteAllTextAsync(dir.File("smtp.password"), "s3cret-from-file\n");
        var config = TomlConfigLoader.Parse<MonitorConfig>("""
            [watch]
            [[watch.channels]]
            name = "mail"
            type = "email"
            host = "smtp.example.com"
            port = 587
            security = "starttls"
            from = "monitor@example.com"
            to = ["ops@example.com"]
            username = "monitor"
            password_file = "smtp.password"
            """, "monitor.toml");
        var c = Assert.Single(config.Watch!.Channels);
        var settings = EmailSettings.Check(c, "[[watch.channels]] mail", dir.Path);
        Assert.Equal(new EmailSettings("smtp.example.com", 587, true, "monitor@example.com", ["ops@example.com"], "monitor", "s3cret-from-file") with { To = settings.To },
            settings);
        Assert.Equal(["ops@example.com"], settings.To);
        Assert.Equal("email", NotificationChannels.Create(c, dir.Path, new HttpClient()).Type);
    }

    [Theory]
    [InlineData("host", "needs host")]
    [InlineData("security", "security 'tls' is unknown; use starttls or none")]
    [InlineData("from", "from must be an email address")]
    [InlineData("to", "to must list at least one recipient")]
    [InlineData("password", "username is set but no password; set password_env or password_file")]
    [InlineData("password_env", "environment variable MT_WATCH_UNSET_PASSWORD (password_env) is not set")]
    public void Bad_email_settings_are_named_with_how_to_fix_them(string what, string expected)
    {
        var c = Email(25);
        switch (what)
        {
            case "host": c.Host = null; break;
            case "security": c.Security = "tls"; break;
            case "from": c.From = "not an address"; break;
            case "to": c.To = []; break;
            case "password": c.Username = "monitor"; break;
            case "password_env": c.Username = "monitor"; c.PasswordEnv = "MT_WATCH_UNSET_PASSWORD"; break;
        }
        var e = Assert.Throws<FormatException>(() => NotificationChannels.Create(c, "/", new HttpClient()));
        Assert.Contains("[[watch.channels]] mail", e.Message);
        Assert.Contains(expected, e.Message);
    }
}
