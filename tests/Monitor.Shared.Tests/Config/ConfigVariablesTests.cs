using Monitor.Shared.Config;

namespace Monitor.Shared.Tests.Config;

public class ConfigVariablesTests
{
    private static readonly Dictionary<string, string> Env = new()
    {
        ["REG_HOST"] = "10.0.0.2",
        ["WEB_HOST"] = "web.example.com",
        ["QUOTED"] = "say \"hi\" \\ there",
        ["EMPTY"] = "",
    };

    private static string? Lookup(string name) => Env.GetValueOrDefault(name);

    [Fact]
    public void Variables_and_defaults_are_expanded_in_string_values_of_tables_arrays_and_inline_tables()
    {
        const string toml = """
            [registry]
            address = "${REG_HOST}:${REG_PORT:-5000}"

            [[stacks]]
            name = "web"
            image = 'local/web:${TAG:-1.0}'
            [stacks.deploy]
            targets = ["${TARGET:-web-01}", "web-02"]
            env = { GREETING = "${QUOTED}", MODE = "${EMPTY:-prod}", LITERAL = "$${NOT_EXPANDED}" }
            """;

        var config = TomlConfigLoader.Parse<MonitorConfig>(toml, "monitor.toml", Lookup);

        Assert.Equal("10.0.0.2:5000", config.Registry!.Address);
        var stack = Assert.Single(config.Stacks);
        Assert.Equal("local/web:1.0", stack.Image);
        Assert.Equal(["web-01", "web-02"], stack.Deploy!.Targets);
        Assert.Equal("say \"hi\" \\ there", stack.Deploy.Env["GREETING"]);
        Assert.Equal("prod", stack.Deploy.Env["MODE"]);
        Assert.Equal("${NOT_EXPANDED}", stack.Deploy.Env["LITERAL"]);
    }

    [Fact]
    public void Comments_and_keys_are_left_alone()
    {
        const string toml = """
            # ${UNSET_IN_COMMENT} is not expanded
            [[stacks]]
            name = "web" # ${UNSET_TOO}
            """;

        var config = TomlConfigLoader.Parse<MonitorConfig>(toml, "monitor.toml", Lookup);

        Assert.Equal("web", Assert.Single(config.Stacks).Name);
    }

    [Fact]
    public void An_unset_variable_without_default_names_file_line_and_column()
    {
        const string toml = """
            [[stacks]]
            name = "web"
            image = "local/web:${MISSING_TAG}"
            """;

        var ex = Assert.Throws<ConfigException>(() => TomlConfigLoader.Parse<MonitorConfig>(toml, "monitor.toml", Lookup));

        Assert.Equal("monitor.toml", ex.File);
        Assert.Equal(3, ex.Line);
        Assert.Equal(20, ex.Column);
        Assert.Contains("MISSING_TAG is not set", ex.Message);
        Assert.StartsWith("monitor.toml:3:20: ", ex.Message);
    }

    [Fact]
    public void A_reference_without_closing_brace_or_with_a_bad_name_is_an_error()
    {
        var open = Assert.Throws<ConfigException>(() => TomlConfigLoader.Parse<MonitorConfig>("[registry]\naddress = \"${REG_HOST\"\n", "m.toml", Lookup));
        Assert.Equal(2, open.Line);
        Assert.Contains("closing", open.Problem);

        var bad = Assert.Throws<ConfigException>(() => TomlConfigLoader.Parse<MonitorConfig>("[registry]\naddress = \"${1X}\"\n", "m.toml", Lookup));
        Assert.Equal(2, bad.Line);
        Assert.Equal(12, bad.Column);
        Assert.Contains("not a variable reference", bad.Problem);
    }

    [Fact]
    public void The_process_environment_is_used_by_default()
    {
        var name = "MT_ROUTES_VAR_" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var config = TomlConfigLoader.Parse<MonitorConfig>($"[registry]\naddress = \"${{{name}}}\"\n", "m.toml");
            Assert.Equal("from-env", config.Registry!.Address);
        }
        finally { Environment.SetEnvironmentVariable(name, null); }
    }
}
