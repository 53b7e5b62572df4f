using Monitor.Control.Config;

namespace Monitor.Control.Tests.Config;

public class ConfigPathsTests
{
    [Fact]
    public void Explicit_path_wins_and_relative_paths_follow_the_config_directory()
    {
        Assert.Equal("/etc/m/monitor.toml", ConfigPaths.Resolve("/etc/m/monitor.toml"));
        Assert.Equal("/etc/m/monitor.db", ConfigPaths.RelativeToConfig("/etc/m/monitor.toml", "monitor.db"));
        Assert.Equal("/var/lib/x.db", ConfigPaths.RelativeToConfig("/etc/m/monitor.toml", "/var/lib/x.db"));
    }

    [Fact]
    public void Server_names_and_urls_are_validated()
    {
        Assert.Null(ServerValidation.NameProblem("web-01.prod_a"));
        Assert.NotNull(ServerValidation.NameProblem("-web"));
        Assert.NotNull(ServerValidation.NameProblem("Web"));
        Assert.NotNull(ServerValidation.NameProblem(""));
        Assert.Null(ServerValidation.UrlProblem("ws://10.0.0.1:8120"));
        Assert.Null(ServerValidation.UrlProblem("wss://host:8120"));
        Assert.NotNull(ServerValidation.UrlProblem("http://host:8120"));
        Assert.NotNull(ServerValidation.UrlProblem("host:8120"));
    }
}
