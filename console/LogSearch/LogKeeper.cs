using System.IO.Enumeration;
using Monitor.Control.Agents;
using Monitor.Control.Store;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.LogSearch;

/// <summary>Central log keeping in `monitor serve`: every round it finds the kept sources of the servers this process
/// holds (the watcher's leases, so each server is shipped by one process), starts a shipper per source from its stored
/// cursor and stops those no longer wanted; shippers hand their lines to one <see cref="LogArchiveWriter"/>. Retention
/// (age, then size) is pruned periodically.</summary>
public sealed class LogKeeper : IAsyncDisposable
{
    private readonly IStateStore _store;
    private readonly ILogArchive _archive;
    private readonly IAgentClientFactory _agents;
    private readonly LogKeepPlan _plan;
    private readonly LogsSettings _settings;
    private readonly Func<IReadOnlyCollection<string>>? _held;
    private readonly Action<string> _log;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _round;
    private readonly TimeSpan _pruneEvery;
    private readonly Dictionary<(string Server, string Source), Running> _running = [];
    private readonly Dictionary<(string Server, string Source), string> _lastCursor = [];
    private readonly HashSet<string> _unreachable = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private Task _pruning = Task.CompletedTask;

    /// <param name="held">The servers this process holds (the watcher's leases); null = every server (one serve process).</param>
    public LogKeeper(IStateStore store, IAgentClientFactory agents, LogKeepPlan plan, LogsSettings settings, Func<IReadOnlyCollection<string>>? held,
        Action<string> log, TimeProvider? clock = null, TimeSpan? round = null, TimeSpan? pruneEvery = null, LogArchiveWriter? writer = null)
    {
        _store = store;
        _archive = store as ILogArchive ?? throw new ArgumentException("this store keeps no logs", nameof(store));
        _agents = agents; _plan = plan; _settings = settings; _held = held; _log = log;
        _clock = clock ?? TimeProvider.System;
        _round = round ?? TimeSpan.FromSeconds(5);
        _pruneEvery = pruneEvery ?? TimeSpan.FromHours(1);
        Writer = writer ?? new LogArchiveWriter(_archive, log);
    }

    public LogArchiveWriter Writer { get; }

    /// <summary>The sources being shipped, as "server/source".</summary>
    public IReadOnlyList<string> Shipping { get { lock (_running) return _running.Keys.Select(k => $"{k.Server}/{k.Source}").Order(StringComparer.Ordinal).ToList(); } }

    public void Start()
    {
        _loop = Task.Run(() => LoopAsync(_stop.Token));
        _pruning = Task.Run(() => PruneLoopAsync(_stop.Token));
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await RoundAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) { _log($"logs: round failed: {e.Message}"); }
            try { await Task.Delay(_round, _clock, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One round: start and stop shippers to match the plan on the held servers (public for tests).</summary>
    public async Task RoundAsync(CancellationToken ct)
    {
        var servers = await _store.ListServersAsync(ct).ConfigureAwait(false);
        var held = _held?.Invoke();
        var wanted = new Dictionary<(string, string), (ServerInfo Server, LogSource Source)>();
        var keepAsIs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in servers)
        {
            if (held is not null && !held.Contains(server.Name)) continue;
            var entries = _plan.For(server.Name);
            if (entries.Count == 0) continue;
            try
            {
                foreach (var source in await DiscoverAsync(server, entries, ct).ConfigureAwait(false))
                    wanted[(server.Name, source.Name)] = (server, source);
                if (_unreachable.Remove(server.Name)) _log($"logs: {server.Name}: reachable again");
            }
            catch (AgentException e)
            {
                // Keep its shippers: they reconnect by themselves once the agent is back.
                if (_unreachable.Add(server.Name)) _log($"logs: {server.Name}: cannot list its sources ({e.Message}); retrying");
                keepAsIs.Add(server.Name);
            }
        }

        List<Running> stopping;
        lock (_running)
        {
            stopping = _running.Where(r => !wanted.ContainsKey(r.Key) && !keepAsIs.Contains(r.Key.Server)).Select(r => r.Value).ToList();
            foreach (var r in stopping) _running.Remove(r.Key);
        }
        foreach (var r in stopping) await StopAsync(r).ConfigureAwait(false);
        if (held is not null)
            lock (_lastCursor)
                foreach (var key in _lastCursor.Keys.Where(k => !held.Contains(k.Server)).ToList()) _lastCursor.Remove(key); // another process may ship it now

        var cursors = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (key, (server, source)) in wanted)
        {
            lock (_running) if (_running.ContainsKey(key)) continue;
            if (!cursors.TryGetValue(server.Name, out var stored))
                cursors[server.Name] = stored = await _archive.GetLogCursorsAsync(server.Name, ct).ConfigureAwait(false);
            // Within this process the last cursor handed to the writer is newer than the stored one (its lines may be queued).
            string? cursor;
            lock (_lastCursor) cursor = _lastCursor.TryGetValue(key, out var mine) ? mine : stored.GetValueOrDefault(source.Name);
            var shipper = new LogSourceShipper(_agents.Get(server), server.Name, source, cursor, Writer, _log, _clock);
            var cts = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var running = new Running(key, shipper, cts, Task.Run(() => shipper.RunAsync(cts.Token)));
            lock (_running) _running[key] = running;
            _log($"logs: keeping {server.Name}/{source.Name}" + (cursor is null ? " from its start" : " from its stored position"));
        }
    }

    private async Task<IReadOnlyList<LogSource>> DiscoverAsync(ServerInfo server, IReadOnlyList<LogKeepEntry> entries, CancellationToken ct)
    {
        var client = _agents.Get(server);
        var sources = new List<LogSource>();
        if (entries.Any(e => e.Kind is LogKeepKind.Container or LogKeepKind.Stack))
        {
            var containers = (await client.RequestAsync(AgentMethods.ContainerList, new ContainerListRequest(All: true), null, ct).ConfigureAwait(false)).Containers;
            foreach (var entry in entries)
            {
                if (entry.Kind == LogKeepKind.Container)
                {
                    var found = containers.FirstOrDefault(c => c.Name == entry.Value);
                    sources.Add(new LogSource(LogKeepKind.Container, entry.Value, found is null ? null : StackOf(found.Labels)));
                }
                else if (entry.Kind == LogKeepKind.Stack)
                    sources.AddRange(containers.Where(c => StackOf(c.Labels) == entry.Value).Select(c => new LogSource(LogKeepKind.Container, c.Name, entry.Value)));
            }
        }
        sources.AddRange(entries.Where(e => e.Kind == LogKeepKind.App).Select(e => new LogSource(LogKeepKind.App, e.Value)));
        var patterns = entries.Where(e => e.Kind == LogKeepKind.LogFile).Select(e => e.Value).ToList();
        if (patterns.Count > 0)
        {
            var files = (await client.RequestAsync(AgentMethods.LogFileList, new LogFileListRequest(), null, ct).ConfigureAwait(false)).Files;
            sources.AddRange(files.Where(f => patterns.Any(p => FileSystemName.MatchesSimpleExpression(p, f.Path, ignoreCase: false) ||
                    FileSystemName.MatchesSimpleExpression(p, f.Name, ignoreCase: false)))
                .Select(f => new LogSource(LogKeepKind.LogFile, f.Path)));
        }
        return sources.DistinctBy(s => s.Name).ToList();
    }

    private static string? StackOf(IReadOnlyDictionary<string, string>? labels) =>
        labels is null ? null
        : labels.TryGetValue("monitor.stack", out var stack) ? stack
        : labels.TryGetValue("com.docker.compose.project", out var project) ? project : null;

    private async Task StopAsync(Running running)
    {
        await running.Stop.CancelAsync().ConfigureAwait(false);
        try { await running.Task.ConfigureAwait(false); } catch (OperationCanceledException) { }
        running.Stop.Dispose();
        lock (_lastCursor)
            if (running.Shipper.Cursor is { } cursor) _lastCursor[running.Key] = cursor;
        _log($"logs: stopped keeping {running.Key.Server}/{running.Key.Source}");
    }

    private async Task PruneLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var (byAge, bySize) = await PruneAsync(ct).ConfigureAwait(false);
                if (byAge + bySize > 0) _log($"logs: pruned {byAge} lines older than {Shared.Config.DurationText.Format(_settings.Retention)} and {bySize} over max_size");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) { _log($"logs: pruning failed: {e.Message}"); }
            try { await Task.Delay(_pruneEvery, _clock, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Deletes lines past the retention, then the oldest lines while the kept logs exceed max_size.</summary>
    public async Task<(int ByAge, int BySize)> PruneAsync(CancellationToken ct)
    {
        var byAge = await _archive.PruneLogLinesAsync(_clock.GetUtcNow() - _settings.Retention, ct).ConfigureAwait(false);
        var bySize = 0;
        var (lines, bytes) = await _archive.GetLogArchiveSizeAsync(ct).ConfigureAwait(false);
        if (bytes > _settings.MaxBytes && lines > 0)
        {
            var perLine = Math.Max(1, bytes / lines);
            var excess = (int)Math.Min(int.MaxValue, (bytes - _settings.MaxBytes + perLine - 1) / perLine);
            while (excess > 0)
            {
                var removed = await _archive.PruneOldestLogLinesAsync(Math.Min(excess, 50_000), ct).ConfigureAwait(false);
                if (removed == 0) break;
                bySize += removed;
                excess -= removed;
            }
        }
        return (byAge, bySize);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _pruning.ConfigureAwait(false);
        List<Running> all;
        lock (_running) { all = _running.Values.ToList(); _running.Clear(); }
        foreach (var r in all) await StopAsync(r).ConfigureAwait(false);
        await Writer.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed record Running((string Server, string Source) Key, LogSourceShipper Shipper, CancellationTokenSource Stop, Task Task);
}
