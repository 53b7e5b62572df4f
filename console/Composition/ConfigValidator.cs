using Monitor.Control.Services;
using Monitor.Shared.Config;

namespace Monitor.Control.Composition;

/// <summary>Checks values Tomlyn cannot (names, URLs, duplicates) and names the line of the offending entry.</summary>
public static class ConfigValidator
{
    public static void Validate(MonitorConfig config, string configPath)
    {
        var lines = File.Exists(configPath) ? File.ReadAllLines(configPath) : [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in config.Servers)
        {
            var line = LineOf(lines, server.Name);
            try
            {
                ServerService.ValidateName(server.Name);
                ServerService.ValidateUrl(server.Url);
            }
            catch (OperationFailedException e)
            {
                throw new ConfigException(configPath, line, 1, $"[[servers]] {e.Message}");
            }
            if (!seen.Add(server.Name))
                throw new ConfigException(configPath, line, 1, $"[[servers]] name '{server.Name}' is declared twice; server names must be unique");
        }
        LogSearch.LogsConfigCheck.Validate(config, configPath, lines);
    }

    private static int LineOf(string[] lines, string value)
    {
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Contains($"\"{value}\"", StringComparison.Ordinal)) return i + 1;
        return 1;
    }
}
