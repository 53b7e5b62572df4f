using Monitor.Control.Composition;
using Monitor.Shared.Config;

namespace Monitor.Control.Watch;

/// <summary>The one hook `monitor serve` calls: starts the watcher when monitor.toml has a [watch] section.</summary>
public static class WatchServe
{
    public static WatchHost? Start(MonitorConfig config, MonitorServices services, TextWriter output)
    {
        if (config.Watch is not { } watch)
        {
            output.WriteLine("monitor serve: not watching metrics (add a [watch] section to monitor.toml to record history and send alerts)");
            return null;
        }
        var host = WatchHost.Start(watch, services.Store, services.Agents, [], line => output.WriteLine($"monitor serve: {line}"));
        output.WriteLine($"monitor serve: watching the fleet every {watch.Interval} (history: raw {watch.RawKeep}" +
            string.Concat(watch.Tiers.Select(t => $", {t.Step} steps {t.Keep}")) + ")");
        return host;
    }
}
