using Monitor.Shared.Config;

namespace Monitor.Control.LogSearch;

/// <summary>Checks [logs] and the keep_logs entries of [[servers]], naming the line of the offending value.</summary>
public static class LogsConfigCheck
{
    public static void Validate(MonitorConfig config, string configPath, string[] lines)
    {
        foreach (var (entries, where) in Sources(config))
            foreach (var entry in entries)
            {
                try { LogKeepEntry.Parse(entry); }
                catch (FormatException e) { throw new ConfigException(configPath, LineOf(lines, $"\"{entry}\"", "keep"), 1, $"{where}: {e.Message}"); }
            }
        if (config.Logs is not { } logs) return;
        try { DurationText.Parse(logs.Retention, "[logs] retention"); }
        catch (FormatException e) { throw new ConfigException(configPath, LineOf(lines, "retention", "retention"), 1, e.Message); }
        try { LogsSettings.ParseSize(logs.MaxSize, "[logs] max_size"); }
        catch (FormatException e) { throw new ConfigException(configPath, LineOf(lines, "max_size", "max_size"), 1, e.Message); }
    }

    private static IEnumerable<(IEnumerable<string> Entries, string Where)> Sources(MonitorConfig config)
    {
        if (config.Logs is { } logs) yield return (logs.Keep, "[logs] keep");
        foreach (var server in config.Servers) yield return (server.KeepLogs, $"[[servers]] {server.Name} keep_logs");
    }

    private static int LineOf(string[] lines, string text, string key)
    {
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Contains(text, StringComparison.Ordinal) && lines[i].Contains(key, StringComparison.Ordinal)) return i + 1;
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Contains(text, StringComparison.Ordinal)) return i + 1;
        return 1;
    }
}
