using Monitor.Control.Composition;
using Monitor.Control.Services;
using Monitor.Shared.Config;

namespace Monitor.Control.LogSearch;

/// <summary>The one hook `monitor serve` calls: starts the log keeper when monitor.toml keeps logs ([logs] keep,
/// [[servers]] keep_logs or [[stacks]] keep_logs). With a watcher running it ships only the servers whose watch lease
/// this process holds; without one (no [watch]) it ships every server, so run one serve process then.</summary>
public static class LogKeeperServe
{
    public static Task<LogKeeper?> StartAsync(MonitorConfig config, MonitorServices services, Watch.WatchHost? watch, TextWriter output)
    {
        LogKeepPlan plan;
        LogsSettings settings;
        try { plan = LogKeepPlan.From(config); settings = LogsSettings.From(config.Logs); }
        catch (FormatException e) { throw new OperationFailedException($"[logs]: {e.Message}", "config"); }
        if (plan.IsEmpty) return Task.FromResult<LogKeeper?>(null);
        var held = watch is null ? null : new Func<IReadOnlyCollection<string>>(() => watch.Watcher.Held);
        var keeper = new LogKeeper(services.Store, services.Agents, plan, settings, held, line => output.WriteLine($"monitor serve: {line}"));
        keeper.Start();
        output.WriteLine($"monitor serve: keeping logs (retention {DurationText.Format(settings.Retention)}, max_size {config.Logs?.MaxSize ?? "5GB"})" +
            (watch is null ? " of every server (no [watch] leases)" : " of the servers this process watches"));
        return Task.FromResult<LogKeeper?>(keeper);
    }
}
