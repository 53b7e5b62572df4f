using System.Collections;
using System.Reflection;
using Monitor.Shared.Config;

namespace Monitor.Agent.Hosting;

/// <summary>agent.toml plus MONITOR_AGENT_&lt;KEY&gt; environment overrides (lists comma-separated).</summary>
public static class AgentConfigLoader
{
    public const string EnvPrefix = "MONITOR_AGENT_";
    public const string DefaultPath = "/etc/monitor-agent/agent.toml";

    public static AgentConfig Load(string? path, IDictionary? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        path ??= environment[EnvPrefix + "CONFIG"] as string;
        var config = path is not null ? TomlConfigLoader.Load<AgentConfig>(path)
            : File.Exists(DefaultPath) ? TomlConfigLoader.Load<AgentConfig>(DefaultPath)
            : new AgentConfig();
        ApplyEnvironment(config, environment);
        return config;
    }

    public static void ApplyEnvironment(AgentConfig config, IDictionary environment)
    {
        foreach (var property in typeof(AgentConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = EnvPrefix + TomlKebabOrSnake.Policy.ConvertName(property.Name).ToUpperInvariant();
            if (environment[name] is not string value) continue;
            try
            {
                object parsed = property.PropertyType == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
                    : property.PropertyType == typeof(List<string>) ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                    : value;
                property.SetValue(config, parsed);
            }
            catch (FormatException)
            {
                throw new ConfigException(name, 1, 1, $"'{value}' is not a whole number");
            }
        }
    }
}
