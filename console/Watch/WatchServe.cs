using Monitor.Control.Composition;
using Monitor.Shared.Config;

namespace Monitor.Control.Watch;

/// <summary>The one hook `monitor serve` calls: starts the watcher when monitor.toml has a [watch] section.</summary>
public static class WatchServe
{
    public static async Task<WatchHost?> StartAsync(MonitorConfig config, string configPath, MonitorServices services, TextWriter output, CancellationToken ct)
    {
        if (config.Watch is not { } watch)
        {
            output.WriteLine("monitor serve: not watching metrics (add a [watch] section to monitor.toml to record history and send alerts)");
            return null;
        }
        WatchHost host;
        try
        {
            host = await WatchHost.StartAsync(watch, services.Store, services.Agents, Path.GetDirectoryName(Path.GetFullPath(configPath))!,
                line => output.WriteLine($"monitor serve: {line}"), ct: ct).ConfigureAwait(false);
        }
        catch (FormatException e) { throw new Services.OperationFailedException($"{configPath}: {e.Message}", "config"); }
        output.WriteLine($"monitor serve: watching the fleet every {watch.Interval} (history: raw {watch.RawKeep}" +
            string.Concat(watch.Tiers.Select(t => $", {t.Step} steps {t.Keep}")) + $"); {watch.Rules.Count} alert rules, {watch.Channels.Count} channels");
        return host;
    }
}
