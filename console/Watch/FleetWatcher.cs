using Monitor.Control.Agents;
using Monitor.Control.Store;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Watch;

/// <summary>The watcher in `monitor serve`: every lease round (a third of the lease TTL) it heartbeats, renews the
/// servers it holds, lets go of servers beyond its fair share or removed from the store, claims free or expired
/// ones up to its share, and keeps one <see cref="ServerWatch"/> per held server.</summary>
public sealed class FleetWatcher : IAsyncDisposable
{
    private readonly IStateStore _store;
    private readonly IAgentClientFactory _agents;
    private readonly WatchLeases _leases;
    private readonly IReadOnlyList<IWatchObserver> _observers;
    private readonly Func<ServerInfo, WatchRequest> _request;
    private readonly TimeProvider _clock;
    private readonly Action<string> _log;
    private readonly TimeSpan _round;
    private readonly Dictionary<string, ServerWatch> _held = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Task _loop = Task.CompletedTask;

    public FleetWatcher(IStateStore store, IAgentClientFactory agents, WatchLeases leases, IReadOnlyList<IWatchObserver> observers,
        Func<ServerInfo, WatchRequest> request, TimeSpan leaseTtl, TimeProvider clock, Action<string> log)
    {
        _store = store; _agents = agents; _leases = leases; _observers = observers; _request = request; _clock = clock; _log = log;
        _round = leaseTtl / 3;
    }

    /// <summary>Called after a server's watch stops (lease lost or released), e.g. to flush its unfinished history steps.</summary>
    public Func<string, CancellationToken, Task>? Released { get; init; }

    /// <summary>The servers this process holds now.</summary>
    public IReadOnlyList<string> Held { get { lock (_held) return _held.Keys.Order(StringComparer.Ordinal).ToList(); } }

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await RoundAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) { _log($"watch: lease round failed: {e.Message}"); }
            try { await Task.Delay(_round, _clock, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One lease round (public for tests that step it).</summary>
    public async Task RoundAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var members = await _leases.HeartbeatAsync(ct).ConfigureAwait(false);
            var servers = (await _store.ListServersAsync(ct).ConfigureAwait(false)).ToDictionary(s => s.Name, StringComparer.Ordinal);
            var share = (servers.Count + members - 1) / members;

            foreach (var name in Held)
            {
                if (!servers.ContainsKey(name)) { await LetGoAsync(name, "removed from the store", ct).ConfigureAwait(false); continue; }
                if (!await _leases.RenewAsync(name, ct).ConfigureAwait(false)) await StopAsync(name, "lease taken over", ct).ConfigureAwait(false);
            }
            foreach (var name in Held.Skip(share).ToList())
                await LetGoAsync(name, $"over this process's share of {share}", ct).ConfigureAwait(false);

            var leases = await _leases.ListAsync(ct).ConfigureAwait(false);
            foreach (var server in servers.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                if (Held.Count >= share) break;
                if (Held.Contains(server.Name)) continue;
                (WatchLease, string)? current = leases.TryGetValue(server.Name, out var l) ? l : null;
                if (!await _leases.TryClaimAsync(server.Name, current, ct).ConfigureAwait(false)) continue;
                if (current is { } taken && taken.Item1.Owner != _leases.Owner) _log($"{server.Name}: took over from {taken.Item1.Owner} (lease expired)");
                lock (_held) _held[server.Name] = new ServerWatch(server, _agents, _request(server), _observers, _clock, _log);
            }
        }
        finally { _gate.Release(); }
    }

    private async Task LetGoAsync(string name, string why, CancellationToken ct)
    {
        await StopAsync(name, why, ct).ConfigureAwait(false);
        await _leases.ReleaseAsync(name, ct).ConfigureAwait(false);
    }

    private async Task StopAsync(string name, string why, CancellationToken ct)
    {
        ServerWatch? watch;
        lock (_held) { if (_held.Remove(name, out watch) is false) return; }
        await watch!.DisposeAsync().ConfigureAwait(false);
        _log($"{name}: no longer watched here ({why})");
        if (Released is { } released) await released(name, ct).ConfigureAwait(false);
    }

    /// <summary>Stops every watch and leaves, releasing the leases so other processes take over at once.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(leave: true).ConfigureAwait(false);

    /// <summary>Stops every watch. <paramref name="leave"/> false keeps the leases and the heartbeat as they are, as a
    /// crashed process would (others take over once they expire).</summary>
    public async Task StopAsync(bool leave)
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        var held = Held;
        foreach (var name in held)
        {
            ServerWatch? watch;
            lock (_held) _held.Remove(name, out watch);
            if (watch is not null) await watch.DisposeAsync().ConfigureAwait(false);
            if (Released is { } released) await released(name, CancellationToken.None).ConfigureAwait(false);
        }
        if (leave)
        {
            try { await _leases.LeaveAsync(held, CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) { _log($"watch: could not release leases ({e.Message}); they expire by themselves"); }
        }
        _gate.Release();
    }
}
