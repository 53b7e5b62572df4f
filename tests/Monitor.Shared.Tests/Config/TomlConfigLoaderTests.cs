using Monitor.Shared.Config;

namespace Monitor.Shared.Tests.Config;

public class TomlConfigLoaderTests
{
    [Fact]
    public void Valid_agent_file_is_read_with_snake_case_keys()
    {
        const string toml = """
            # agent.toml
            listen = "0.0.0.0:9000"
            authorized_keys = "/srv/monitor/authorized_keys"
            allowed_ips = ["10.0.0.0/8", "127.0.0.1/32"]
            docker_socket = "unix:///run/docker.sock"
            work_dir = "/srv/monitor/work"
            max_open_streams = 8
            request_timeout_seconds = 15
            """;

        var config = TomlConfigLoader.Parse<AgentConfig>(toml, "agent.toml");

        Assert.Equal("0.0.0.0:9000", config.Listen);
        Assert.Equal("/srv/monitor/authorized_keys", config.AuthorizedKeys);
        Assert.Equal(["10.0.0.0/8", "127.0.0.1/32"], config.AllowedIps);
        Assert.Equal("unix:///run/docker.sock", config.DockerSocket);
        Assert.Equal("/srv/monitor/work", config.WorkDir);
        Assert.Equal(8, config.MaxOpenStreams);
        Assert.Equal(15, config.RequestTimeoutSeconds);
    }

    [Fact]
    public void Empty_agent_file_gives_the_defaults()
    {
        var config = TomlConfigLoader.Parse<AgentConfig>("", "agent.toml");

        Assert.Equal("127.0.0.1:8120", config.Listen);
        Assert.Equal("/etc/monitor-agent/authorized_keys", config.AuthorizedKeys);
        Assert.Empty(config.AllowedIps);
        Assert.Equal("unix:///var/run/docker.sock", config.DockerSocket);
        Assert.Equal("/var/lib/monitor-agent", config.WorkDir);
        Assert.Equal(4 * 1024 * 1024, config.MaxFrameBytes);
        Assert.Equal(64, config.MaxOpenStreams);
        Assert.Equal(32, config.MaxConnections);
        Assert.Equal(200, config.MaxRequestsPerSecond);
        Assert.Equal(60, config.RequestTimeoutSeconds);
        Assert.Equal(2, config.AuthTimeoutSeconds);
    }

    [Fact]
    public void Keys_not_in_the_file_keep_their_defaults()
    {
        var config = TomlConfigLoader.Parse<AgentConfig>("listen = \"127.0.0.1:9999\"\n", "agent.toml");

        Assert.Equal("127.0.0.1:9999", config.Listen);
        Assert.Equal("/var/lib/monitor-agent", config.WorkDir);
        Assert.Equal(64, config.MaxOpenStreams);
    }

    [Fact]
    public void Valid_console_file_reads_sections_and_server_tables()
    {
        const string toml = """
            [console]
            store = "postgres"
            postgres = "Host=127.0.0.1;Database=monitor"
            key_file = "keys/console.pem"

            [[servers]]
            name = "web-01"
            url = "ws://10.0.0.5:8120"
            tags = ["web", "eu"]

            [[servers]]
            name = "db-01"
            url = "ws://10.0.0.6:8120"
            """;

        var config = TomlConfigLoader.Parse<MonitorConfig>(toml, "monitor.toml");

        Assert.Equal("postgres", config.Console.Store);
        Assert.Equal("Host=127.0.0.1;Database=monitor", config.Console.Postgres);
        Assert.Equal("keys/console.pem", config.Console.KeyFile);
        Assert.Equal("monitor.db", config.Console.SqlitePath);
        Assert.Equal(["web-01", "db-01"], config.Servers.Select(s => s.Name));
        Assert.Equal(["web", "eu"], config.Servers[0].Tags);
        Assert.Empty(config.Servers[1].Tags);
    }

    [Fact]
    public void Wrong_value_type_is_reported_with_file_line_and_column()
    {
        const string toml = "listen = \"127.0.0.1:8120\"\n\nmax_open_streams = \"many\"\n";

        var ex = Assert.Throws<ConfigException>(() => TomlConfigLoader.Parse<AgentConfig>(toml, "/etc/monitor-agent/agent.toml"));

        Assert.Equal("/etc/monitor-agent/agent.toml", ex.File);
        Assert.Equal(3, ex.Line);
        Assert.True(ex.Column >= 1);
        Assert.StartsWith($"/etc/monitor-agent/agent.toml:3:{ex.Column}: ", ex.Message);
        Assert.False(string.IsNullOrWhiteSpace(ex.Problem));
    }

    [Fact]
    public void List_where_a_string_is_expected_is_reported_with_its_line()
    {
        const string toml = "# agent\nlisten = [\"a\", \"b\"]\n";

        var ex = Assert.Throws<ConfigException>(() => TomlConfigLoader.Parse<AgentConfig>(toml, "agent.toml"));

        Assert.Equal(2, ex.Line);
        Assert.StartsWith("agent.toml:2:", ex.Message);
    }

    [Fact]
    public void Missing_value_is_reported_with_file_line_and_column()
    {
        const string toml = "listen = \"127.0.0.1:8120\"\nwork_dir =\n";

        var ex = Assert.Throws<ConfigException>(() => TomlConfigLoader.Parse<AgentConfig>(toml, "agent.toml"));

        Assert.Equal("agent.toml", ex.File);
        Assert.Equal(2, ex.Line);
        Assert.True(ex.Column > 1);
        Assert.StartsWith($"agent.toml:2:{ex.Column}: ", ex.Message);
    }

    [Fact]
    public void Unterminated_string_is_reported_with_its_line()
    {
        const string toml = "listen = \"127.0.0.1:8120\"\n\n\nwork_dir = \"/srv\n";

        var ex = Assert.Throws<ConfigException>(() => TomlConfigLoader.Parse<AgentConfig>(toml, "agent.toml"));

        Assert.Equal(4, ex.Line);
    }

    [Fact]
    public void Load_reads_the_file_and_names_it_in_errors()
    {
        using var dir = new ScratchDirectory();
        var path = dir.File("agent.toml");
        File.WriteAllText(path, "work_dir = \"/srv/agent\"\n");

        Assert.Equal("/srv/agent", TomlConfigLoader.Load<AgentConfig>(path).WorkDir);

        File.WriteAllText(path, "work_dir = 5\n");
        var ex = Assert.Throws<ConfigException>(() => TomlConfigLoader.Load<AgentConfig>(path));
        Assert.StartsWith($"{path}:1:", ex.Message);
    }

    [Fact]
    public void Load_of_a_missing_file_says_what_to_do()
    {
        using var dir = new ScratchDirectory();
        var path = dir.File("monitor.toml");

        var ex = Assert.Throws<ConfigException>(() => TomlConfigLoader.Load<MonitorConfig>(path));

        Assert.Equal(path, ex.File);
        Assert.Contains("monitor init", ex.Message);
    }
}
