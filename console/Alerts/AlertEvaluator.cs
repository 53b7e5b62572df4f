using System.Globalization;
using Monitor.Control.Watch;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Alerts;

/// <summary>Evaluates the alert rules against every sample and reachability change the watcher reports, and hands
/// each alert that opens or resolves to <see cref="IAlertSink"/>. Thread-safe; per server calls arrive in order.</summary>
public sealed class AlertEvaluator(IReadOnlyList<AlertRule> rules, Func<string, IReadOnlyList<string>> serverTags, IAlertSink sink, TimeProvider clock)
    : IWatchObserver
{
    private readonly AlertConditions _conditions = new();
    private readonly Dictionary<(string Server, string Container), Queue<(DateTimeOffset At, int Count)>> _restarts = [];
    private readonly Lock _lock = new();
    private HashSet<string> _devicesSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _deployServers = new(StringComparer.Ordinal);

    public void Seed(AlertRecord open)
    {
        if (rules.FirstOrDefault(r => r.Name == open.Rule) is { } rule)
            lock (_lock)
            {
                _conditions.Seed(rule, open.Server, open.Subject, open.Severity);
                if (rule.Kind == "deploy_failed") _deployServers[open.Subject] = open.Server;
            }
    }

    public async ValueTask OnSampleAsync(string server, WatchSample sample, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<AlertTransition> changes = [];
        lock (_lock)
        {
            var tags = serverTags(server);
            foreach (var rule in rules.Where(r => r.AppliesTo(server, tags)))
                foreach (var (subject, status) in Evaluate(rule, server, sample, now))
                    if (_conditions.Update(rule, server, subject, status, now) is { } change) changes.Add(change);
        }
        foreach (var change in changes) await sink.ApplyAsync(change, ct).ConfigureAwait(false);
    }

    public async ValueTask OnReachabilityAsync(string server, bool reachable, string? reason, DateTimeOffset at, CancellationToken ct)
    {
        List<AlertTransition> changes = [];
        lock (_lock)
        {
            var tags = serverTags(server);
            foreach (var rule in rules.Where(r => r.Kind == "unreachable" && r.AppliesTo(server, tags)))
            {
                var status = reachable ? ConditionStatus.Cleared($"{server} answers again")
                    : ConditionStatus.Bad(rule.Severity, $"{server} is unreachable: {reason}");
                if (_conditions.Update(rule, server, "", status, clock.GetUtcNow()) is { } change) changes.Add(change);
            }
        }
        foreach (var change in changes) await sink.ApplyAsync(change, ct).ConfigureAwait(false);
    }

    /// <summary>device_missed rules: a device silent longer than its interval is bad, a keepalive clears it; a
    /// device that was removed resolves what it had open. The alert's server is the device name.</summary>
    public async Task CheckDevicesAsync(IReadOnlyList<Devices.DeviceRecord> devices, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<AlertTransition> changes = [];
        lock (_lock)
        {
            var names = devices.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var rule in rules.Where(r => r.Kind == "device_missed"))
            {
                foreach (var device in devices.Where(d => rule.AppliesTo(d.Name, [])))
                {
                    var since = device.LastSeen is { } seen ? $"last keepalive {Output(seen)}" : "no keepalive since it was added";
                    var status = device.IsMissed(now)
                        ? ConditionStatus.Bad(rule.Severity, $"device {device.Name} is silent ({since}; interval {DurationText(device.Interval)})")
                        : ConditionStatus.Cleared($"device {device.Name} sent a keepalive");
                    if (_conditions.Update(rule, device.Name, "", status, now) is { } change) changes.Add(change);
                }
                foreach (var gone in _devicesSeen.Where(n => !names.Contains(n)))
                    if (_conditions.Update(rule, gone, "", ConditionStatus.Cleared($"device {gone} was removed"), now) is { } change) changes.Add(change);
            }
            _devicesSeen = names;
        }
        foreach (var change in changes) await sink.ApplyAsync(change, ct).ConfigureAwait(false);
    }

    /// <summary>deploy_failed rules: the latest finished deploy of each stack (newest first in
    /// <paramref name="deploys"/>, type stack.deploy) decides: failed is bad, succeeded clears. The alert's server is
    /// the deploy's server and its subject the stack, so the next successful deploy of that stack resolves it.</summary>
    public async Task CheckDeploysAsync(IReadOnlyList<ActionRecord> deploys, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<AlertTransition> changes = [];
        lock (_lock)
        {
            var latest = deploys.Where(d => d.Success is not null && d.Stack is { Length: > 0 })
                .GroupBy(d => d.Stack!, StringComparer.Ordinal).Select(g => g.MaxBy(d => d.Id)!);
            foreach (var deploy in latest)
            {
                var stack = deploy.Stack!;
                var server = deploy.Server ?? "";
                if (deploy.Success == false) _deployServers[stack] = server;
                else if (_deployServers.Remove(stack, out var failedOn)) server = failedOn;
                else continue; // succeeded and nothing is pending or open for it
                var targets = deploy.Parameters.TryGetValue("targets", out var t) ? t.Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
                foreach (var rule in rules.Where(r => r.Kind == "deploy_failed" && (r.Stacks.Count == 0 || r.Stacks.Contains(stack))))
                {
                    if (!new[] { server }.Concat(targets).Any(s => rule.AppliesTo(s, serverTags(s)))) continue;
                    var status = deploy.Success == false
                        ? ConditionStatus.Bad(rule.Severity, $"deploy of stack {stack} failed (history #{deploy.Id}): {deploy.Error ?? "no reason recorded"}")
                        : ConditionStatus.Cleared($"stack {stack} deployed (history #{deploy.Id})");
                    if (_conditions.Update(rule, server, stack, status, now) is { } change) changes.Add(change);
                }
            }
        }
        foreach (var change in changes) await sink.ApplyAsync(change, ct).ConfigureAwait(false);
    }

    private static string Output(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Lets conditions that are waiting out their duration open or resolve without a new sample.</summary>
    public async Task TickAsync(CancellationToken ct)
    {
        IReadOnlyList<AlertTransition> changes;
        lock (_lock) changes = _conditions.Tick(clock.GetUtcNow());
        foreach (var change in changes) await sink.ApplyAsync(change, ct).ConfigureAwait(false);
    }

    private IEnumerable<(string Subject, ConditionStatus Status)> Evaluate(AlertRule rule, string server, WatchSample sample, DateTimeOffset now)
    {
        var host = sample.Host;
        switch (rule.Kind)
        {
            case "device_missed":
            case "deploy_failed":
                break; // devices and deploys are checked by CheckDevicesAsync / CheckDeploysAsync, not by agent samples
            case "unreachable":
                yield return ("", ConditionStatus.Cleared($"{server} answers"));
                break;
            case "cpu":
                yield return ("", Threshold(rule, host.CpuPercent, v => $"CPU {v:0.#}% on {server}"));
                break;
            case "memory":
                var memory = host.MemoryTotalBytes > 0 ? 100.0 * host.MemoryUsedBytes / host.MemoryTotalBytes : 0;
                yield return ("", Threshold(rule, memory, v => $"memory {v:0.#}% used on {server}"));
                break;
            case "load":
                yield return ("", Threshold(rule, host.Load1, v => $"load {v:0.##} on {server}"));
                break;
            case "temperature":
                if (host.Temperatures.Count > 0)
                    yield return ("", Threshold(rule, host.Temperatures.Max(t => t.Celsius), v => $"temperature {v:0.#} °C on {server}"));
                break;
            case "disk":
                foreach (var disk in host.Disks.Where(d => rule.Mount is null || d.Mount == rule.Mount))
                {
                    var used = disk.TotalBytes > 0 ? 100.0 * disk.UsedBytes / disk.TotalBytes : 0;
                    yield return (disk.Mount, Threshold(rule, used, v => $"disk {disk.Mount} {v:0.#}% full on {server}"));
                }
                break;
            case "process":
                foreach (var p in sample.Processes.Where(p => rule.Containers.Count == 0 || rule.Containers.Contains(p.Name)))
                    yield return (p.Name, p.Running
                        ? ConditionStatus.Cleared($"process {p.Name} runs on {server} (pid {p.Pid})")
                        : ConditionStatus.Bad(rule.Severity, $"process {p.Name} is not running on {server}"));
                break;
            case "container_cpu": // per running container, percent of one core, scoped by containers/stacks
                if (sample.DockerError is not null) yield break;
                var burning = new HashSet<string>(StringComparer.Ordinal);
                foreach (var c in sample.Containers.Where(c => c.State == "running" && rule.AppliesToContainer(c.Name, c.Labels)))
                {
                    burning.Add(c.Name);
                    yield return (c.Name, Threshold(rule, c.CpuPercent, v => $"container {c.Name} CPU {v:0.#}% on {server}"));
                }
                foreach (var gone in _conditions.SubjectsOf(rule.Name, server).Where(s => !burning.Contains(s)))
                    yield return (gone, ConditionStatus.Cleared($"container {gone} no longer runs on {server}"));
                break;
            default:
                if (sample.DockerError is not null) yield break; // no word about containers in this sample
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var c in sample.Containers.Where(c => rule.AppliesToContainer(c.Name, c.Labels)))
                {
                    seen.Add(c.Name);
                    yield return (c.Name, ContainerStatus(rule, server, c, now));
                }
                // Containers that went away (removed) resolve what they had open.
                foreach (var gone in _conditions.SubjectsOf(rule.Name, server).Where(s => !seen.Contains(s)))
                    yield return (gone, ConditionStatus.Cleared($"container {gone} is gone from {server}"));
                break;
        }
    }

    private ConditionStatus ContainerStatus(AlertRule rule, string server, ContainerSample c, DateTimeOffset now)
    {
        switch (rule.Kind)
        {
            case "container_stopped":
                return c.State is "exited" or "dead"
                    ? ConditionStatus.Bad(rule.Severity, $"container {c.Name} on {server} is {c.State}")
                    : ConditionStatus.Cleared($"container {c.Name} on {server} is {c.State}");
            case "container_unhealthy":
                return c.Health == "unhealthy"
                    ? ConditionStatus.Bad(rule.Severity, $"container {c.Name} on {server} is unhealthy")
                    : ConditionStatus.Cleared($"container {c.Name} on {server} is {c.Health ?? c.State}");
            default: // restart_loop
                var key = (server, c.Name);
                if (!_restarts.TryGetValue(key, out var counts)) _restarts[key] = counts = new();
                counts.Enqueue((now, c.RestartCount));
                while (counts.Count > 1 && now - counts.Peek().At > rule.Window) counts.Dequeue();
                var restarts = c.RestartCount - counts.Peek().Count;
                var text = string.Create(CultureInfo.InvariantCulture, $"container {c.Name} on {server} restarted {restarts} times in {DurationText(rule.Window)}");
                return restarts >= rule.Restarts ? ConditionStatus.Bad(rule.Severity, text) : ConditionStatus.Cleared(text);
        }
    }

    private static string DurationText(TimeSpan t) => Shared.Config.DurationText.Format(t);

    /// <summary>At or above critical/warning: bad at that level; below the lowest threshold by more than the
    /// hysteresis: clear; in between: the band.</summary>
    public static ConditionStatus Threshold(AlertRule rule, double value, Func<double, string> describe)
    {
        var text = describe(value);
        if (rule.Critical is { } critical && value >= critical) return ConditionStatus.Bad(AlertSeverity.Critical, $"{text} (critical at {critical})");
        if (rule.Warning is { } warning && value >= warning) return ConditionStatus.Bad(AlertSeverity.Warning, $"{text} (warning at {warning})");
        var lowest = rule.Warning ?? rule.Critical!.Value;
        return value > lowest - rule.Hysteresis ? ConditionStatus.Band(text) : ConditionStatus.Cleared(text);
    }
}
