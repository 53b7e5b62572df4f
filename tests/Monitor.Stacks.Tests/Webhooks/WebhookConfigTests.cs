using Monitor.Control.Cli;
using Monitor.Shared.Config;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Webhooks;

public sealed class WebhookConfigTests
{
    [Fact]
    public void Webhook_table_and_per_stack_overrides_are_read_from_monitor_toml()
    {
        var config = TomlConfigLoader.Parse<MonitorConfig>("""
            [webhook]
            listen = "0.0.0.0:9000"
            secret_env = "MONITOR_WEBHOOK_SECRET"
            max_body_bytes = 65536

            [[stacks]]
            name = "web"
            [stacks.repo]
            url = "https://git.example.invalid/web.git"
            branch = "main"
            [stacks.webhook]
            branch = "release"
            secret_file = "/etc/monitor/web.hook"

            [[stacks]]
            name = "docs"
            image = "nginx:1"
            [stacks.webhook]
            enabled = false
            """, "monitor.toml");

        Assert.Equal(("0.0.0.0:9000", "MONITOR_WEBHOOK_SECRET", null, 65536), (config.Webhook!.Listen, config.Webhook.SecretEnv, config.Webhook.SecretFile, config.Webhook.MaxBodyBytes));
        var web = config.Stacks[0].Webhook!;
        Assert.Equal((true, "release", "/etc/monitor/web.hook"), (web.Enabled, web.Branch, web.SecretFile));
        Assert.False(config.Stacks[1].Webhook!.Enabled);
    }

    [Fact]
    public void Without_the_tables_the_defaults_apply()
    {
        var config = TomlConfigLoader.Parse<MonitorConfig>("[[stacks]]\nname = \"web\"\n", "monitor.toml");
        Assert.Null(config.Webhook);
        Assert.Null(config.Stacks[0].Webhook);
        Assert.Equal(("127.0.0.1:8130", 1024 * 1024), (new WebhookConfig().Listen, new WebhookConfig().MaxBodyBytes));
        Assert.True(new StackWebhookConfig().Enabled);
    }

    [Fact]
    public void Unknown_keys_are_reported_with_their_line_and_the_nearest_valid_key()
    {
        var top = Assert.Throws<ConfigException>(() => TomlConfigLoader.Parse<MonitorConfig>("[webhook]\nlisten = \"127.0.0.1:8130\"\nsecret = \"plain\"\n", "monitor.toml"));
        Assert.Equal(3, top.Line);
        Assert.Contains("unknown key `secret`", top.Message);
        Assert.Contains("secret_env", top.Message);

        var stack = Assert.Throws<ConfigException>(() => TomlConfigLoader.Parse<MonitorConfig>(
            "[[stacks]]\nname = \"web\"\n[stacks.webhook]\nbranh = \"main\"\n", "monitor.toml"));
        Assert.Equal(4, stack.Line);
        Assert.Contains("did you mean `branch`?", stack.Message);
    }
}
