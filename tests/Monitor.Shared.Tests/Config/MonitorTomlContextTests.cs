using System.Text.Json;
using Monitor.Shared.Config;

namespace Monitor.Shared.Tests.Config;

/// <summary>The NativeAOT console reads monitor.toml through Tomlyn's source-generated <see cref="MonitorTomlContext"/>:
/// it must read every section exactly as the reflection binder does, and report errors the same way.</summary>
public class MonitorTomlContextTests
{
    private const string Toml = """
        [console]
        store = "postgres"
        postgres = "Host=127.0.0.1;Database=monitor"
        key_file = "keys/console.pem"

        [[servers]]
        name = "web-01"
        url = "wss://10.0.0.5:8120"
        tags = ["web", "eu"]

        [registry]
        address = "127.0.0.1:5000"
        username = "ci"
        password_env = "REGISTRY_PASSWORD"

        [webhook]
        listen = "127.0.0.1:8130"
        secret_env = "HOOK_SECRET"

        [[stacks]]
        name = "web"
        [stacks.repo]
        url = "https://git.example.invalid/web.git"
        branch = "release"
        scripts = ["make assets"]
        [stacks.build]
        server = "build-01"
        args = { MODE = "prod" }
        [stacks.deploy]
        targets = ["web-01"]
        ports = ["8080:80"]
        env = { LOG = "${MT_LOG_LEVEL:-info}" }
        cpus = 1.5
        [stacks.deploy.overrides.web-01]
        container_name = "web-1"
        """;

    [Fact]
    public void The_generated_context_reads_monitor_toml_like_the_reflection_binder()
    {
        var generated = TomlConfigLoader.Parse<MonitorConfig>(Toml, "monitor.toml", options => new MonitorTomlContext(options), _ => null);
        var reflected = TomlConfigLoader.Parse<MonitorConfig>(Toml, "monitor.toml", _ => null);

        Assert.Equal("postgres", generated.Console.Store);
        Assert.Equal(["web", "eu"], Assert.Single(generated.Servers).Tags);
        Assert.Equal("info", generated.Stacks[0].Deploy!.Env["LOG"]);
        Assert.Equal("web-1", generated.Stacks[0].Deploy!.Overrides["web-01"].ContainerName);
        Assert.Equal(JsonSerializer.Serialize(reflected), JsonSerializer.Serialize(generated));
    }

    [Fact]
    public void The_generated_context_reports_unknown_keys_and_bad_values_with_their_position()
    {
        var typo = Assert.Throws<ConfigException>(() => TomlConfigLoader.Parse<MonitorConfig>("[[servers]]\nname = \"a\"\nadress = \"x\"\n", "m.toml", options => new MonitorTomlContext(options)));
        Assert.StartsWith("m.toml:3:1: unknown key `adress`", typo.Message);

        var type = Assert.Throws<ConfigException>(() => TomlConfigLoader.Parse<MonitorConfig>("[console]\nstore = 5\n", "m.toml", options => new MonitorTomlContext(options)));
        Assert.StartsWith("m.toml:2:", type.Message);
    }
}
