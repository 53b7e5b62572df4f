using Monitor.Shared.Config;

namespace Monitor.Control.Config;

/// <summary>Reads and validates monitor.toml; every problem is a <see cref="ConfigException"/> naming file:line:col.</summary>
public static class MonitorConfigLoader
{
    public static MonitorConfig Load(string path)
    {
        var config = TomlConfigLoader.Load<MonitorConfig>(path, out var positions);
        Validate(config, positions);
        return config;
    }

    public static MonitorConfig Parse(string text, string sourceName)
    {
        var config = TomlConfigLoader.Parse<MonitorConfig>(text, sourceName, out var positions);
        Validate(config, positions);
        return config;
    }

    private static void Validate(MonitorConfig config, TomlKeyPositions positions)
    {
        var store = config.Console.Store;
        if (store is not ("sqlite" or "postgres"))
            throw positions.Error("console.store", $"store '{store}' is not known; use \"sqlite\" or \"postgres\"");
        if (store == "postgres" && string.IsNullOrWhiteSpace(config.Console.Postgres))
            throw positions.Error("console.store", "store = \"postgres\" needs postgres = \"Host=...;Database=...;Username=...\" in [console]");
        if (store == "sqlite" && string.IsNullOrWhiteSpace(config.Console.SqlitePath))
            throw positions.Error("console.sqlite_path", "sqlite_path is empty; give a file path such as \"monitor.db\"");

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < config.Servers.Count; i++)
        {
            var server = config.Servers[i];
            if (ServerValidation.NameProblem(server.Name) is { } nameProblem)
                throw positions.Error($"servers[{i}].name", nameProblem);
            if (ServerValidation.UrlProblem(server.Url) is { } urlProblem)
                throw positions.Error($"servers[{i}].url", urlProblem);
            if (seen.TryGetValue(server.Name, out var first))
            {
                var (line, _) = positions.Of($"servers[{first}].name");
                throw positions.Error($"servers[{i}].name", $"server '{server.Name}' is declared twice (first at line {line}); names must be unique");
            }
            seen[server.Name] = i;
        }
    }
}
