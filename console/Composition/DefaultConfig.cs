namespace Monitor.Control.Composition;

/// <summary>The monitor.toml that `monitor init` writes when none exists.</summary>
public static class DefaultConfig
{
    public const string Text = """
        # Monitor console configuration. Paths are relative to this file's directory.
        [console]
        store = "sqlite"                 # "sqlite" (embedded) or "postgres" (shared by many consoles)
        sqlite_path = "monitor.db"
        # postgres = "Host=127.0.0.1;Username=monitor;Password=...;Database=monitor"
        key_file = "console_key.pem"     # this console's private key; its .pub line goes in each agent's authorized_keys
        # user = "alice"                 # name recorded in the history (default: the OS user)

        # Servers can also be added with `monitor server add NAME --url wss://HOST:8120`.
        # [[servers]]
        # name = "web-01"
        # url = "wss://10.0.0.11:8120"
        # description = "front web server"
        """;
}
