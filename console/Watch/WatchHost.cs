using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Control.Store;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Watch;

/// <summary>Everything the watch area runs inside `monitor serve`: the fleet watcher with its leases, the metric
/// recorder and its hourly pruning, and the observers that react to samples (alerts). Built from [watch].</summary>
public sealed class WatchHost : IAsyncDisposable
{
    private readonly FleetWatcher _watcher;
    private readonly MetricRecorder _recorder;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pruning;

    private WatchHost(FleetWatcher watcher, MetricRecorder recorder, Action<string> log, TimeProvider clock)
    {
        _watcher = watcher; _recorder = recorder;
        _pruning = Task.Run(() => PruneLoopAsync(log, clock, _stop.Token));
    }

    public FleetWatcher Watcher => _watcher;

    public static WatchHost Start(WatchConfig config, IStateStore store, IAgentClientFactory agents, IReadOnlyList<IWatchObserver> extraObservers,
        Action<string> log, TimeProvider? clock = null, string? owner = null)
    {
        clock ??= TimeProvider.System;
        if (store is not IMetricHistoryStore history)
            throw new OperationFailedException("this store keeps no metric history", "config");
        var policy = HistoryPolicy.From(config);
        var ttl = DurationText.Parse(config.LeaseTtl, "[watch] lease_ttl");
        var recorder = new MetricRecorder(history, policy, clock);
        var leases = new WatchLeases(store, owner ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}", ttl, clock);
        var interval = (int)Math.Max(1, policy.Interval.TotalSeconds);
        var watcher = new FleetWatcher(store, agents, leases, [recorder, .. extraObservers],
            server => new WatchRequest(interval, ProcessChecksFor(config, server)), ttl, clock, log)
        {
            Released = (server, ct) => recorder.FlushAsync(server, ct),
        };
        watcher.Start();
        return new WatchHost(watcher, recorder, log, clock);
    }

    /// <summary>The [[watch.processes]] that apply to a server (by name or tag; none listed = every server).</summary>
    public static IReadOnlyList<ProcessCheckSpec> ProcessChecksFor(WatchConfig config, ServerInfo server) =>
        config.Processes
            .Where(p => (p.Servers.Count == 0 && p.Tags.Count == 0) || p.Servers.Contains(server.Name) || p.Tags.Any(server.Tags.Contains))
            .Select(p => new ProcessCheckSpec(p.Name, p.Executable, p.Pidfile))
            .ToList();

    private async Task PruneLoopAsync(Action<string> log, TimeProvider clock, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var removed = await _recorder.PruneAsync(ct).ConfigureAwait(false);
                if (removed > 0) log($"watch: pruned {removed} history points past their tier's keep");
            }
            catch (OperationCanceledException) { return; }
            catch (Exception e) { log($"watch: pruning failed: {e.Message}"); }
            try { await Task.Delay(TimeSpan.FromHours(1), clock, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pruning.ConfigureAwait(false);
        await _watcher.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
