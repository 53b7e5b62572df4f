using Monitor.Control.Store;

namespace Monitor.Watch.Tests;

/// <summary>The metric history on both real backends: replace on the same key, half-open ranges per tier and
/// entity, entity listing, pruning by tier.</summary>
public sealed class MetricHistoryStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static MetricPoint Point(string server, int tier, string entity, int minute, double cpu, double? disk = 40) =>
        new(server, tier, entity, T0.AddMinutes(minute), 1, cpu, cpu + 1, 50, 55, disk, 0.5, null, 100, 200);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Points_are_stored_replaced_queried_by_range_and_pruned_per_tier(string kind)
    {
        var (backend, store) = await StoreBackend.CreateAsync(kind);
        await using var _ = backend;
        var history = (IMetricHistoryStore)store;

        await history.AddMetricPointsAsync(
        [
            Point("a", 0, "", 0, 10), Point("a", 0, "", 1, 20), Point("a", 0, "", 2, 30, disk: null),
            Point("a", 0, "web", 1, 5), Point("a", 1, "", 0, 99), Point("b", 0, "", 1, 77),
        ]);
        await history.AddMetricPointsAsync([Point("a", 0, "", 1, 21) with { Temperature = 61.5 }]);

        var host = await history.QueryMetricPointsAsync("a", 0, "", T0, T0.AddMinutes(2));
        Assert.Equal([10.0, 21.0], host.Select(p => p.Cpu));
        Assert.Equal(61.5, host[1].Temperature);
        Assert.Equal(T0.AddMinutes(1), host[1].At);
        Assert.Equal(new MetricPoint("a", 0, "", T0, 1, 10, 11, 50, 55, 40, 0.5, null, 100, 200), host[0]);
        var all = await history.QueryMetricPointsAsync("a", 0, "", T0, T0.AddHours(1));
        Assert.Null(all[2].Disk);
        Assert.Equal([5.0], (await history.QueryMetricPointsAsync("a", 0, "web", T0, T0.AddHours(1))).Select(p => p.Cpu));
        Assert.Equal([99.0], (await history.QueryMetricPointsAsync("a", 1, "", T0, T0.AddHours(1))).Select(p => p.Cpu));
        Assert.Equal(["", "web"], await history.ListMetricEntitiesAsync("a", 0, T0));

        Assert.Equal(4, await history.PruneMetricPointsAsync(0, T0.AddMinutes(1).AddTicks(10)));
        Assert.Equal([30.0], (await history.QueryMetricPointsAsync("a", 0, "", T0, T0.AddHours(1))).Select(p => p.Cpu));
        Assert.Single(await history.QueryMetricPointsAsync("a", 1, "", T0, T0.AddHours(1)));
    }
}
