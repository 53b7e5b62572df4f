using Monitor.Control.Config;
using Monitor.Shared.Config;

namespace Monitor.Control.Tests.Config;

public class MonitorConfigLoaderTests
{
    [Fact]
    public void Unknown_key_names_file_line_column_and_the_nearest_valid_key()
    {
        const string text = "[console]\nstore = \"sqlite\"\n\n[[servers]]\nname = \"web-01\"\n  ulr = \"ws://h:1\"\n";
        var ex = Assert.Throws<ConfigException>(() => MonitorConfigLoader.Parse(text, "/etc/monitor.toml"));
        Assert.Equal(6, ex.Line);
        Assert.Equal(3, ex.Column);
        Assert.StartsWith("/etc/monitor.toml:6:3: ", ex.Message);
        Assert.Contains("unknown key `ulr`", ex.Message);
        Assert.Contains("did you mean `url`?", ex.Message);
    }

    [Fact]
    public void Unknown_table_is_reported_with_a_suggestion()
    {
        var ex = Assert.Throws<ConfigException>(() => MonitorConfigLoader.Parse("[consle]\nstore = \"sqlite\"\n", "m.toml"));
        Assert.Equal(1, ex.Line);
        Assert.Contains("did you mean `console`?", ex.Message);
    }

    [Fact]
    public void Unknown_key_far_from_any_valid_key_lists_the_valid_keys()
    {
        var ex = Assert.Throws<ConfigException>(() => MonitorConfigLoader.Parse("[console]\nzzzzzzzz = 1\n", "m.toml"));
        Assert.Equal(2, ex.Line);
        Assert.Contains("valid keys here:", ex.Message);
        Assert.Contains("sqlite_path", ex.Message);
    }

    [Fact]
    public void Value_of_the_wrong_type_names_file_line_column()
    {
        var ex = Assert.Throws<ConfigException>(() => MonitorConfigLoader.Parse("[console]\nsqlite_path = 42\n", "m.toml"));
        Assert.Equal(2, ex.Line);
        Assert.Equal(15, ex.Column);
        Assert.Contains("`sqlite_path` expects text in quotes, found a whole number", ex.Message);
    }

    [Fact]
    public void List_of_the_wrong_element_type_is_reported()
    {
        var ex = Assert.Throws<ConfigException>(() => MonitorConfigLoader.Parse("[[servers]]\nname = \"a\"\nurl = \"ws://h:1\"\ntags = [\"x\", 3]\n", "m.toml"));
        Assert.Equal(4, ex.Line);
        Assert.Contains("`tags` expects text in quotes", ex.Message);
    }

    [Fact]
    public void Syntax_error_names_file_line_column()
    {
        var ex = Assert.Throws<ConfigException>(() => MonitorConfigLoader.Parse("[console]\nstore = \n", "m.toml"));
        Assert.Equal(2, ex.Line);
        Assert.StartsWith("m.toml:2:", ex.Message);
    }

    [Fact]
    public void Bad_url_names_the_line_of_the_url()
    {
        const string text = "[[servers]]\nname = \"web-01\"\nurl = \"http://h:1\"\n";
        var ex = Assert.Throws<ConfigException>(() => MonitorConfigLoader.Parse(text, "m.toml"));
        Assert.Equal(3, ex.Line);
        Assert.Contains("ws://HOST:PORT", ex.Message);
    }

    [Fact]
    public void Duplicate_server_names_the_second_declaration_and_the_first()
    {
        const string text = "[[servers]]\nname = \"a\"\nurl = \"ws://h:1\"\n\n[[servers]]\nname = \"a\"\nurl = \"ws://h:2\"\n";
        var ex = Assert.Throws<ConfigException>(() => MonitorConfigLoader.Parse(text, "m.toml"));
        Assert.Equal(6, ex.Line);
        Assert.Contains("declared twice (first at line 2)", ex.Message);
    }

    [Fact]
    public void Bad_server_name_and_unknown_store_are_reported_at_their_lines()
    {
        var name = Assert.Throws<ConfigException>(() => MonitorConfigLoader.Parse("[[servers]]\nname = \"Web 01\"\nurl = \"ws://h:1\"\n", "m.toml"));
        Assert.Equal(2, name.Line);
        var store = Assert.Throws<ConfigException>(() => MonitorConfigLoader.Parse("[console]\n\nstore = \"mongo\"\n", "m.toml"));
        Assert.Equal(3, store.Line);
        Assert.Contains("\"sqlite\" or \"postgres\"", store.Message);
    }

    [Fact]
    public void The_sample_and_the_default_config_are_valid()
    {
        var sample = MonitorConfigLoader.Load(Path.Combine(RepoRoot(), "monitor.toml"));
        Assert.Equal(["web-01", "db-01"], sample.Servers.Select(s => s.Name));
        Assert.Equal(["web", "prod"], sample.Servers[0].Tags);
        var defaults = MonitorConfigLoader.Parse(DefaultConfig.Text, "default.toml");
        Assert.Equal("sqlite", defaults.Console.Store);
        Assert.Equal("console_key.pem", defaults.Console.KeyFile);
        Assert.Empty(defaults.Servers);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) return dir.FullName;
        throw new InvalidOperationException("Monitor.sln not found above the test binaries");
    }
}
