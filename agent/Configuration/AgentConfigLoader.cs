using System.Reflection;
using System.Text.Json;
using Monitor.Shared.Config;

namespace Monitor.Agent.Configuration;

/// <summary>Loads agent.toml (a missing file means defaults), then applies MONITOR_AGENT_&lt;KEY&gt; environment overrides
/// (snake_case key upper-cased; lists comma-separated), then validates. Every problem is a <see cref="ConfigException"/>
/// naming file, line and column (or the environment variable).</summary>
public static class AgentConfigLoader
{
    public const string EnvPrefix = "MONITOR_AGENT_";
    public const string ConfigPathVariable = "MONITOR_AGENT_CONFIG";
    public const string DefaultPath = "/etc/monitor-agent/agent.toml";

    /// <summary>--config PATH, else $MONITOR_AGENT_CONFIG, else /etc/monitor-agent/agent.toml.</summary>
    public static string ResolvePath(string? commandLinePath, Func<string, string?> environment) =>
        !string.IsNullOrWhiteSpace(commandLinePath) ? commandLinePath
        : environment(ConfigPathVariable) is { Length: > 0 } fromEnv ? fromEnv
        : DefaultPath;

    public static AgentConfig Load(string path, Func<string, string?> environment)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : null;
        var config = text is null ? new AgentConfig() : TomlConfigLoader.Parse<AgentConfig>(text, path, options => new MonitorTomlContext(options));
        ApplyEnvironment(config, environment);
        Validate(config, path, text ?? "");
        return config;
    }

    public static void ApplyEnvironment(AgentConfig config, Func<string, string?> environment)
    {
        foreach (var property in typeof(AgentConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite) continue;
            var variable = EnvPrefix + JsonNamingPolicy.SnakeCaseUpper.ConvertName(property.Name);
            var value = environment(variable);
            if (value is null) continue;
            var source = $"environment {variable}";
            if (property.PropertyType == typeof(string))
                property.SetValue(config, value);
            else if (property.PropertyType == typeof(int))
                property.SetValue(config, int.TryParse(value.Trim(), out var number)
                    ? number
                    : throw new ConfigException(source, 1, 1, $"expected a whole number, got '{value}'"));
            else if (property.PropertyType == typeof(bool))
                property.SetValue(config, bool.TryParse(value.Trim(), out var flag)
                    ? flag
                    : throw new ConfigException(source, 1, 1, $"expected true or false, got '{value}'"));
            else if (property.PropertyType == typeof(List<string>))
                property.SetValue(config, value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList());
        }
    }

    private static void Validate(AgentConfig config, string path, string text)
    {
        if (!ListenAddress.TryParse(config.Listen, out _, out var listenProblem))
            throw Problem("listen", listenProblem);
        if (!IpAllowList.TryParse(config.AllowedIps, out _, out var ipProblem))
            throw Problem("allowed_ips", ipProblem);
        if (string.IsNullOrWhiteSpace(config.AuthorizedKeys))
            throw Problem("authorized_keys", "authorized_keys is empty; name the file of console keys allowed in");
        RequirePositive("max_frame_bytes", config.MaxFrameBytes);
        RequirePositive("max_open_streams", config.MaxOpenStreams);
        RequirePositive("max_connections", config.MaxConnections);
        RequirePositive("max_requests_per_second", config.MaxRequestsPerSecond);
        RequirePositive("request_timeout_seconds", config.RequestTimeoutSeconds);
        RequirePositive("auth_timeout_seconds", config.AuthTimeoutSeconds);
        RequirePositive("max_unauthenticated", config.MaxUnauthenticated);
        RequirePositive("max_unauthenticated_per_address", config.MaxUnauthenticatedPerAddress);

        void RequirePositive(string key, int value)
        {
            if (value <= 0) throw Problem(key, $"{key} must be greater than 0 (got {value})");
        }

        ConfigException Problem(string key, string problem)
        {
            var (line, column) = Locate(text, key);
            return line == 0
                ? new ConfigException($"environment {EnvPrefix}{key.ToUpperInvariant()} or {path}", 1, 1, problem)
                : new ConfigException(path, line, column, problem);
        }
    }

    /// <summary>Line and column of <c>key =</c> in the TOML text; (0, 0) when the key is not in the file.</summary>
    private static (int Line, int Column) Locate(string text, string key)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            var rest = trimmed.StartsWith(key, StringComparison.OrdinalIgnoreCase) ? trimmed[key.Length..].TrimStart() : "";
            if (rest.StartsWith('=')) return (i + 1, lines[i].Length - trimmed.Length + 1);
        }
        return (0, 0);
    }
}
