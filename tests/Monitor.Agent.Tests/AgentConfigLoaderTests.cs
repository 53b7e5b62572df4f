using System.Collections;
using Monitor.Agent.Hosting;
using Monitor.Shared.Config;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests;

public sealed class AgentConfigLoaderTests
{
    [Fact]
    public void Toml_values_are_read_and_env_overrides_win()
    {
        using var dir = new TempDirectory();
        var path = dir.File("agent.toml");
        File.WriteAllText(path, "listen = \"127.0.0.1:9000\"\nallowed_ips = [\"10.0.0.0/8\"]\nmax_open_streams = 5\n");
        var env = new Hashtable { ["MONITOR_AGENT_LISTEN"] = "0.0.0.0:9100", ["MONITOR_AGENT_ALLOWED_IPS"] = "127.0.0.1/32, 192.168.0.0/16" };
        var config = AgentConfigLoader.Load(path, env);
        Assert.Equal("0.0.0.0:9100", config.Listen);
        Assert.Equal(["127.0.0.1/32", "192.168.0.0/16"], config.AllowedIps);
        Assert.Equal(5, config.MaxOpenStreams);
    }

    [Fact]
    public void A_bad_value_names_the_file_and_line()
    {
        using var dir = new TempDirectory();
        var path = dir.File("agent.toml");
        File.WriteAllText(path, "listen = \"127.0.0.1:9000\"\nmax_open_streams = \"many\"\n");
        var error = Assert.Throws<ConfigException>(() => AgentConfigLoader.Load(path, new Hashtable()));
        Assert.Equal(path, error.File);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void A_non_numeric_env_override_is_reported_with_its_name()
    {
        var error = Assert.Throws<ConfigException>(() => AgentConfigLoader.ApplyEnvironment(new AgentConfig(), new Hashtable { ["MONITOR_AGENT_MAX_OPEN_STREAMS"] = "lots" }));
        Assert.Contains("MONITOR_AGENT_MAX_OPEN_STREAMS", error.Message);
    }

    [Fact]
    public void Allow_list_matches_cidrs_and_mapped_addresses()
    {
        var list = new IpAllowList(["10.0.0.0/8", "127.0.0.1"]);
        Assert.True(list.Allows(System.Net.IPAddress.Parse("10.1.2.3")));
        Assert.True(list.Allows(System.Net.IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(list.Allows(System.Net.IPAddress.Parse("192.168.1.1")));
        Assert.Throws<FormatException>(() => new IpAllowList(["10.0.0.0/99"]));
    }
}
