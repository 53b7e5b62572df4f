using Monitor.Shared.Config;

namespace Monitor.Stacks.Tests;

public sealed class StackConfigTomlTests
{
    [Fact]
    public void Stacks_and_registry_are_read_from_monitor_toml()
    {
        var config = TomlConfigLoader.Parse<MonitorConfig>("""
            [registry]
            address = "127.0.0.1:5000"
            username = "ci"
            password_env = "REGISTRY_PASSWORD"

            [[stacks]]
            name = "web"
            [stacks.repo]
            url = "https://git.example.invalid/web.git"
            branch = "release"
            token_env = "WEB_TOKEN"
            scripts = ["make assets"]
            [stacks.build]
            server = "build-01"
            path = "app"
            dockerfile = "docker/Dockerfile"
            args = { MODE = "prod" }
            version = "1.4"
            [stacks.deploy]
            targets = ["web-01", "web-02"]
            ports = ["8080:80"]
            env = { LOG = "info" }
            secret_env = { DB_PASSWORD = "WEB_DB_PASSWORD" }
            memory = "256m"
            cpus = 1.5
            args = ["--workers", "4"]
            restart = "always"
            [stacks.deploy.overrides.web-02]
            container_name = "web-2"
            ports = ["9090:80"]

            [[stacks]]
            name = "cache"
            image = "redis:7"
            use_latest = true
            [stacks.deploy]
            targets = ["web-01"]

            [[stacks]]
            name = "pair"
            [stacks.compose]
            inline = "services: {}"
            """, "monitor.toml");

        Assert.Equal("127.0.0.1:5000", config.Registry!.Address);
        Assert.Equal("REGISTRY_PASSWORD", config.Registry.PasswordEnv);
        Assert.Equal(["web", "cache", "pair"], config.Stacks.Select(s => s.Name));
        var web = config.Stacks[0];
        Assert.Equal(("release", "WEB_TOKEN"), (web.Repo!.Branch, web.Repo.TokenEnv));
        Assert.Equal(["make assets"], web.Repo.Scripts);
        Assert.Equal(("build-01", "app", "docker/Dockerfile", "1.4"), (web.Build!.Server, web.Build.Path, web.Build.Dockerfile, web.Build.Version));
        Assert.Equal("prod", web.Build.Args["MODE"]);
        Assert.Equal(["web-01", "web-02"], web.Deploy!.Targets);
        Assert.Equal("WEB_DB_PASSWORD", web.Deploy.SecretEnv["DB_PASSWORD"]);
        Assert.Equal(1.5, web.Deploy.Cpus);
        Assert.Equal(["--workers", "4"], web.Deploy.Args);
        Assert.Equal("web-2", web.Deploy.Overrides["web-02"].ContainerName);
        Assert.Equal(["9090:80"], web.Deploy.Overrides["web-02"].Ports!);
        Assert.True(config.Stacks[1].UseLatest);
        Assert.Equal("services: {}", config.Stacks[2].Compose!.Inline);
    }

    [Fact]
    public void Ssh_key_and_token_files_are_read_relative_to_monitor_toml()
    {
        using var dir = new Monitor.TestSupport.TempDirectory();
        var path = dir.File("monitor.toml");
        File.WriteAllText(path, """
            [[stacks]]
            name = "web"
            [stacks.repo]
            url = "git@git.example.invalid:ops/web.git"
            ssh_key_file = "keys/web_deploy"
            ssh_known_hosts = "git.example.invalid ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample"
            remote = true
            [stacks.build]
            server = "build-01"

            [[stacks]]
            name = "api"
            [stacks.repo]
            url = "https://git.example.invalid/api.git"
            token_file = "/etc/monitor/api-token"
            [stacks.build]
            server = "build-01"
            """);
        var config = Monitor.Control.Composition.MonitorServicesFactory.LoadConfig(path);
        Assert.Equal(dir.File("keys/web_deploy"), config.Stacks[0].Repo!.SshKeyFile);
        Assert.True(config.Stacks[0].Repo!.Remote);
        Assert.StartsWith("git.example.invalid ssh-ed25519", config.Stacks[0].Repo!.SshKnownHosts);
        Assert.Equal("/etc/monitor/api-token", config.Stacks[1].Repo!.TokenFile);
    }

    [Fact]
    public void A_misspelt_ssh_key_setting_names_the_line_and_the_right_key()
    {
        var error = Assert.Throws<ConfigException>(() => TomlConfigLoader.Parse<MonitorConfig>("""
            [[stacks]]
            name = "web"
            [stacks.repo]
            url = "git@git.example.invalid:ops/web.git"
            ssh_keyfile = "keys/web_deploy"
            """, "monitor.toml"));
        Assert.Equal(5, error.Line);
        Assert.Contains("ssh_key_file", error.Message);
    }
}
