using Monitor.Agent.Configuration;
using Monitor.Shared.Config;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Configuration;

public sealed class AgentConfigLoaderTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        key => vars.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void Toml_keys_are_read_in_snake_case()
    {
        using var dir = new TempDirectory();
        var path = dir.File("agent.toml");
        File.WriteAllText(path, "listen = \"0.0.0.0:9000\"\nauthorized_keys = \"/srv/keys\"\nallowed_ips = [\"10.0.0.0/8\", \"192.168.0.0/16\"]\nmax_open_streams = 5\n");
        var config = AgentConfigLoader.Load(path, Env());
        Assert.Equal("0.0.0.0:9000", config.Listen);
        Assert.Equal("/srv/keys", config.AuthorizedKeys);
        Assert.Equal(["10.0.0.0/8", "192.168.0.0/16"], config.AllowedIps);
        Assert.Equal(5, config.MaxOpenStreams);
    }

    [Fact]
    public void Environment_overrides_the_file_and_lists_are_comma_separated()
    {
        using var dir = new TempDirectory();
        var path = dir.File("agent.toml");
        File.WriteAllText(path, "listen = \"0.0.0.0:9000\"\nmax_open_streams = 5\n");
        var config = AgentConfigLoader.Load(path, Env(
            ("MONITOR_AGENT_LISTEN", "127.0.0.1:9100"),
            ("MONITOR_AGENT_ALLOWED_IPS", "10.0.0.0/8, 172.16.0.0/12"),
            ("MONITOR_AGENT_MAX_OPEN_STREAMS", "9"),
            ("MONITOR_AGENT_DOCKER_SOCKET", "unix:///run/docker.sock")));
        Assert.Equal("127.0.0.1:9100", config.Listen);
        Assert.Equal(["10.0.0.0/8", "172.16.0.0/12"], config.AllowedIps);
        Assert.Equal(9, config.MaxOpenStreams);
        Assert.Equal("unix:///run/docker.sock", config.DockerSocket);
    }

    [Fact]
    public void A_missing_file_means_defaults_plus_environment()
    {
        using var dir = new TempDirectory();
        var config = AgentConfigLoader.Load(dir.File("absent.toml"), Env(("MONITOR_AGENT_REQUEST_TIMEOUT_SECONDS", "15")));
        Assert.Equal(new AgentConfig().Listen, config.Listen);
        Assert.Equal(15, config.RequestTimeoutSeconds);
    }

    [Fact]
    public void A_toml_syntax_error_names_file_line_and_column()
    {
        using var dir = new TempDirectory();
        var path = dir.File("agent.toml");
        File.WriteAllText(path, "listen = \"0.0.0.0:9000\"\nmax_open_streams = = 3\n");
        var ex = Assert.Throws<ConfigException>(() => AgentConfigLoader.Load(path, Env()));
        Assert.Equal(path, ex.File);
        Assert.Equal(2, ex.Line);
        Assert.StartsWith($"{path}:2:", ex.Message);
    }

    [Fact]
    public void An_invalid_value_points_at_its_line()
    {
        using var dir = new TempDirectory();
        var path = dir.File("agent.toml");
        File.WriteAllText(path, "# agent\nauthorized_keys = \"/k\"\n  allowed_ips = [\"not-a-cidr\"]\n");
        var ex = Assert.Throws<ConfigException>(() => AgentConfigLoader.Load(path, Env()));
        Assert.Equal($"{path}:3:3: {ex.Problem}", ex.Message);
        Assert.Contains("not-a-cidr", ex.Problem);
    }

    [Fact]
    public void A_bad_number_in_the_environment_names_the_variable()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<ConfigException>(() => AgentConfigLoader.Load(dir.File("absent.toml"), Env(("MONITOR_AGENT_MAX_CONNECTIONS", "lots"))));
        Assert.Contains("MONITOR_AGENT_MAX_CONNECTIONS", ex.Message);
    }

    [Fact]
    public void A_listen_host_that_is_not_an_ip_is_refused()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<ConfigException>(() => AgentConfigLoader.Load(dir.File("absent.toml"), Env(("MONITOR_AGENT_LISTEN", "example.com:80"))));
        Assert.Contains("not an IP address", ex.Problem);
    }

    [Fact]
    public void Config_path_comes_from_the_command_line_then_the_environment_then_the_default()
    {
        Assert.Equal("/a.toml", AgentConfigLoader.ResolvePath("/a.toml", Env(("MONITOR_AGENT_CONFIG", "/b.toml"))));
        Assert.Equal("/b.toml", AgentConfigLoader.ResolvePath(null, Env(("MONITOR_AGENT_CONFIG", "/b.toml"))));
        Assert.Equal(AgentConfigLoader.DefaultPath, AgentConfigLoader.ResolvePath(null, Env()));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "11.1.2.3", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.9.9.9", true)]
    [InlineData("192.168.1.20", "192.168.1.20", true)]
    [InlineData("192.168.1.20", "192.168.1.21", false)]
    [InlineData("", "8.8.8.8", true)]
    public void Allowed_ips_match_cidrs(string cidr, string remote, bool allowed)
    {
        Assert.True(IpAllowList.TryParse(cidr.Length == 0 ? [] : [cidr], out var list, out _));
        Assert.Equal(allowed, list.Allows(System.Net.IPAddress.Parse(remote)));
    }
}
