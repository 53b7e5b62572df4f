using Microsoft.Extensions.Time.Testing;
using Monitor.Control.Store;
using Monitor.Control.Watch;

namespace Monitor.Watch.Tests;

/// <summary>The fleet-wide write batch of `monitor serve`, on the real stores: nothing is written before the period
/// is over, then every server's points in one go; a point written twice keeps its last version; dispose writes the rest.</summary>
public sealed class MetricWriteBatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static MetricPoint Point(string server, string entity, DateTimeOffset at, double cpu) =>
        new(server, 0, entity, at, 1, cpu, cpu, 10, 10, null, null, null, 0, 0);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Points_of_many_servers_are_written_together_once_per_period_last_version_winning(string kind)
    {
        var (backend, store) = await StoreBackend.CreateAsync(kind);
        await using var _ = backend;
        var history = (IMetricHistoryStore)store;
        var clock = new FakeTimeProvider(T0);
        var logged = new List<string>();
        await using (var batch = new MetricWriteBatch(history, TimeSpan.FromSeconds(10), clock, logged.Add))
        {
            for (var s = 0; s < 20; s++)
                await batch.AddMetricPointsAsync([Point($"s{s}", "", T0, s), Point($"s{s}", "web", T0, 100 + s)]);
            await batch.AddMetricPointsAsync([Point("s3", "", T0, 33)]); // the same point again: the last one stands

            Assert.Empty(await history.QueryMetricPointsAsync("s0", 0, "", T0, T0.AddMinutes(1)));
            Assert.Equal(41, batch.Pending);

            clock.Advance(TimeSpan.FromSeconds(10));
            await Eventually.HoldsAsync(async () => (await history.QueryMetricPointsAsync("s19", 0, "web", T0, T0.AddMinutes(1))).Count == 1, "the batch written after its period");
            Assert.Equal(0, batch.Pending);
            for (var s = 0; s < 20; s++)
                Assert.Equal(s == 3 ? 33 : s, Assert.Single(await history.QueryMetricPointsAsync($"s{s}", 0, "", T0, T0.AddMinutes(1))).Cpu);

            await batch.AddMetricPointsAsync([Point("s0", "", T0.AddSeconds(10), 7)]);
            Assert.Single(await history.QueryMetricPointsAsync("s0", 0, "", T0, T0.AddMinutes(1)));
        }
        // Disposed before the next period: the rest was written on the way out.
        Assert.Equal([0.0, 7.0], (await history.QueryMetricPointsAsync("s0", 0, "", T0, T0.AddMinutes(1))).Select(p => p.Cpu));
        Assert.Empty(logged);
    }

    [Fact]
    public async Task A_full_batch_is_written_at_once_without_waiting_for_the_period()
    {
        var (backend, store) = await StoreBackend.CreateAsync("sqlite");
        await using var _ = backend;
        var history = (IMetricHistoryStore)store;
        await using var batch = new MetricWriteBatch(history, TimeSpan.FromHours(1), new FakeTimeProvider(T0), _ => { }, maxPending: 10);
        await batch.AddMetricPointsAsync(Enumerable.Range(0, 9).Select(i => Point("s1", "", T0.AddSeconds(i), i)).ToList());
        Assert.Empty(await history.QueryMetricPointsAsync("s1", 0, "", T0, T0.AddMinutes(1)));
        await batch.AddMetricPointsAsync([Point("s1", "", T0.AddSeconds(9), 9)]);
        Assert.Equal(10, (await history.QueryMetricPointsAsync("s1", 0, "", T0, T0.AddMinutes(1))).Count);
    }
}
