using Monitor.Shared.Config;

namespace Monitor.Control.LogSearch;

/// <summary>What to keep on which server, from [logs] keep (every server), [[servers]] keep_logs (that server) and
/// [[stacks]] keep_logs = true (that stack's containers everywhere).</summary>
public sealed class LogKeepPlan(IReadOnlyList<LogKeepEntry> everywhere, IReadOnlyDictionary<string, IReadOnlyList<LogKeepEntry>> perServer)
{
    public static LogKeepPlan From(MonitorConfig config)
    {
        var everywhere = (config.Logs?.Keep ?? []).Select(LogKeepEntry.Parse)
            .Concat(config.Stacks.Where(s => s.KeepLogs).Select(s => new LogKeepEntry(LogKeepKind.Stack, s.Name)))
            .Distinct().ToList();
        var perServer = config.Servers.Where(s => s.KeepLogs.Count > 0)
            .ToDictionary(s => s.Name, s => (IReadOnlyList<LogKeepEntry>)s.KeepLogs.Select(LogKeepEntry.Parse).ToList(), StringComparer.Ordinal);
        return new LogKeepPlan(everywhere, perServer);
    }

    public bool IsEmpty => everywhere.Count == 0 && perServer.Count == 0;

    public IReadOnlyList<LogKeepEntry> For(string server) =>
        perServer.TryGetValue(server, out var own) ? everywhere.Concat(own).Distinct().ToList() : everywhere;
}
