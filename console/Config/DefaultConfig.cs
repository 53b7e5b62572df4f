namespace Monitor.Control.Config;

/// <summary>The monitor.toml `monitor init` writes when none exists (same content as the repository's sample).</summary>
public static class DefaultConfig
{
    public const string Text = """
        # monitor.toml: the console's configuration.
        # Location: --config PATH, else $MONITOR_CONFIG, else $XDG_CONFIG_HOME/monitor/monitor.toml
        # (default ~/.config/monitor/monitor.toml). Relative paths are relative to this file's directory.
        # An unknown key is an error that names its line and the key you probably meant.

        [console]
        # Where state (servers, action history, metrics) lives: "sqlite" (embedded, default) or "postgres"
        # (shared by several consoles / jump hosts).
        store = "sqlite"
        sqlite_path = "monitor.db"
        # postgres = "Host=127.0.0.1;Port=5432;Database=monitor;Username=monitor;Password=..."
        # This console's private key (made by `monitor init`, mode 0600). Its public line goes into each agent's
        # authorized_keys.
        key_file = "console_key.pem"
        # Name recorded in the action history; default: the OS user running monitor.
        # user = "alice"

        # Managed servers. Each is upserted into the store when monitor starts; `monitor server add` adds more.
        # name: lowercase letters, digits, '_', '.', '-'; url: ws://HOST:PORT or wss://HOST:PORT of monitor-agent.
        # [[servers]]
        # name = "web-01"
        # url = "ws://10.0.0.11:8120"
        # description = "front web server"
        # tags = ["web", "prod"]

        """;
}
