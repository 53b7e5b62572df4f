using Monitor.Control.Agents;
using Monitor.Control.Store;
using Monitor.Control.Watch;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Watch.Tests;

/// <summary>Two watchers (as two `monitor serve` processes) sharing one real PostgreSQL and watching real agents:
/// each server is recorded by exactly one of them, and a watcher that dies without letting go has its servers taken
/// over once its leases expire.</summary>
public sealed class FleetWatcherTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(3);

    private static FleetWatcher Watcher(IStateStore store, TestAgent agent, string owner, IWatchObserver observer, out AgentClientFactory agents)
    {
        agents = new AgentClientFactory(agent.ConsoleKey, owner);
        var recorder = new MetricRecorder((IMetricHistoryStore)store, HistoryPolicy.From(new Shared.Config.WatchConfig { Interval = "1s" }), TimeProvider.System);
        var watcher = new FleetWatcher(store, agents, new WatchLeases(store, owner, Ttl, TimeProvider.System), [recorder, observer],
            _ => new WatchRequest(1), Ttl, TimeProvider.System, _ => { })
        { Released = (server, ct) => recorder.FlushAsync(server, ct) };
        watcher.Start();
        return watcher;
    }

    [Fact]
    public async Task Two_watchers_on_one_postgres_record_each_server_once_and_take_over_a_dead_ones_servers()
    {
        var (backend, storeA) = await StoreBackend.CreateAsync("postgres");
        await using var _ = backend;
        var storeB = await backend.OpenAsync();
        await using var agent = await TestAgent.StartAsync();
        var names = new[] { "mt-w-1", "mt-w-2", "mt-w-3", "mt-w-4" };
        foreach (var name in names)
            await storeA.UpsertServerAsync(new ServerInfo { Name = name, Url = agent.Url.ToString().TrimEnd('/'), Added = DateTimeOffset.UtcNow });

        var seenA = new RecordingObserver();
        var seenB = new RecordingObserver();
        var a = Watcher(storeA, agent, "serve-a", seenA, out var agentsA);
        var b = Watcher(storeB, agent, "serve-b", seenB, out var agentsB);
        try
        {
            await Eventually.HoldsAsync(() => a.Held.Count == 2 && b.Held.Count == 2, "the servers split two and two");
            Assert.Empty(a.Held.Intersect(b.Held));
            var split = DateTimeOffset.UtcNow;
            await Eventually.HoldsAsync(() => seenA.ServersSince(split).Count == 2 && seenB.ServersSince(split).Count == 2, "samples from all four servers");
            Assert.Equal(names, seenA.ServersSince(split).Concat(seenB.ServersSince(split)).Order(StringComparer.Ordinal));
            Assert.Empty(seenA.ServersSince(split).Intersect(seenB.ServersSince(split)));

            // Every server's raw history has one point per sample: no two recorders wrote the same server.
            var history = (IMetricHistoryStore)storeA;
            foreach (var name in names)
            {
                var points = await history.QueryMetricPointsAsync(name, 0, MetricPoint.Host, split, DateTimeOffset.UtcNow.AddMinutes(1));
                var gaps = points.Zip(points.Skip(1), (x, y) => (y.At - x.At).TotalSeconds);
                Assert.All(gaps, g => Assert.True(g > 0.5, $"{name}: two points {g:0.000} s apart; recorded twice?"));
            }

            // serve-a dies: its leases and heartbeat stay until they expire, then serve-b takes everything.
            var heldByA = a.Held;
            await a.StopAsync(leave: false);
            await Eventually.HoldsAsync(() => b.Held.Count == 4, "serve-b holds all four servers");
            var takeover = DateTimeOffset.UtcNow;
            await Eventually.HoldsAsync(() => heldByA.All(seenB.ServersSince(takeover).Contains), "serve-b records the servers serve-a held");
            var leases = await new WatchLeases(storeA, "probe", Ttl, TimeProvider.System).ListAsync(CancellationToken.None);
            Assert.All(names, n => Assert.Equal("serve-b", leases[n].Lease.Owner));
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            await agentsA.DisposeAsync();
            await agentsB.DisposeAsync();
        }
    }
}
