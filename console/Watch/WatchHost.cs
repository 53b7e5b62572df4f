using Monitor.Control.Agents;
using Monitor.Control.Alerts;
using Monitor.Control.Notifications;
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
    private readonly Task _ticking;
    private readonly NotificationDispatcher _notifications;
    private readonly HttpClient _http;
    private readonly MetricWriteBatch _writes;

    private WatchHost(FleetWatcher watcher, MetricRecorder recorder, MetricWriteBatch writes, AlertEvaluator alerts, NotificationDispatcher notifications, HttpClient http,
        Action<string> log, TimeProvider clock, Devices.DeviceService? devices, IStateStore? deploys)
    {
        _watcher = watcher; _recorder = recorder; _writes = writes; _notifications = notifications; _http = http;
        _pruning = Task.Run(() => PruneLoopAsync(log, clock, _stop.Token));
        _ticking = Task.Run(() => TickLoopAsync(alerts, devices, deploys, log, clock, _stop.Token));
    }

    public FleetWatcher Watcher => _watcher;

    /// <summary>Checks [watch] and starts watching. Bad settings throw <see cref="FormatException"/> naming the setting.</summary>
    public static async Task<WatchHost> StartAsync(WatchConfig config, IStateStore store, IAgentClientFactory agents, string configDirectory,
        Action<string> log, TimeProvider? clock = null, string? owner = null, TimeSpan? firstRetry = null, CancellationToken ct = default)
    {
        clock ??= TimeProvider.System;
        if (store is not IMetricHistoryStore history)
            throw new OperationFailedException("this store keeps no metric history", "config");
        var policy = HistoryPolicy.From(config);
        var ttl = DurationText.Parse(config.LeaseTtl, "[watch] lease_ttl");
        var rules = config.Rules.Select(AlertRule.From).ToList();
        if (rules.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new FormatException($"[[watch.rules]]: two rules are named '{twice.Key}'; names must differ");
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var channels = config.Channels.Select(c => (NotificationChannels.Create(c, configDirectory, http),
            c.MinSeverity == "critical" ? AlertSeverity.Critical : AlertSeverity.Warning, Math.Clamp(c.Attempts, 1, 20))).ToList();
        var actions = new ActionRecorder(store, "monitor-serve");
        var notifications = new NotificationDispatcher(channels, actions, firstRetry ?? TimeSpan.FromSeconds(2), log);
        var book = new AlertBook(store, actions, notifications, clock);
        var tags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var s in await store.ListServersAsync(ct).ConfigureAwait(false)) tags[s.Name] = s.Tags;
        var alerts = new AlertEvaluator(rules, server => tags.TryGetValue(server, out var t) ? t : [], book, clock);
        foreach (var open in await book.ListAsync(openOnly: true, ct).ConfigureAwait(false)) alerts.Seed(open);
        // One store write per interval for the whole fleet, not one per sample (see MetricWriteBatch).
        var writes = new MetricWriteBatch(history, policy.Interval, clock, log);
        var recorder = new MetricRecorder(writes, policy, clock);
        var leases = new WatchLeases(store, owner ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}", ttl, clock);
        var interval = (int)Math.Max(1, policy.Interval.TotalSeconds);
        var watcher = new FleetWatcher(store, agents, leases, [recorder, alerts],
            server => new WatchRequest(interval, ProcessChecksFor(config, server)), ttl, clock, log)
        {
            Released = (server, ct) => recorder.FlushAsync(server, ct),
        };
        watcher.Start();
        var devices = rules.Any(r => r.Kind == "device_missed") ? new Devices.DeviceService(store, null, clock) : null;
        var deploys = rules.Any(r => r.Kind == "deploy_failed") ? store : null;
        return new WatchHost(watcher, recorder, writes, alerts, notifications, http, log, clock, devices, deploys);
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

    private static async Task TickLoopAsync(AlertEvaluator alerts, Devices.DeviceService? devices, IStateStore? deploys, Action<string> log,
        TimeProvider clock, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(TimeSpan.FromSeconds(1), clock, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            try
            {
                await alerts.TickAsync(ct).ConfigureAwait(false);
                if (devices is not null) await alerts.CheckDevicesAsync(await devices.ListAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                if (deploys is not null)
                    await alerts.CheckDeploysAsync(await deploys.QueryActionsAsync(new ActionQuery { Type = StackActionTypes.Deploy, Limit = 200 }, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
            catch (Exception e) { log($"watch: alert evaluation failed: {e.Message}"); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pruning.ConfigureAwait(false);
        await _ticking.ConfigureAwait(false);
        await _watcher.DisposeAsync().ConfigureAwait(false);
        await _writes.DisposeAsync().ConfigureAwait(false);
        await _notifications.DrainAsync().ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }
}
