using Microsoft.Extensions.Time.Testing;
using Monitor.Control.Store;
using Monitor.Control.Watch;
using Monitor.Shared.Config;

namespace Monitor.Watch.Tests;

/// <summary>Downsampling and pruning with an injected clock, on the real SQLite store.</summary>
public sealed class MetricRecorderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Raw_samples_become_one_minute_and_ten_minute_means_and_maxima_and_each_tier_is_pruned_after_its_keep()
    {
        var (backend, store) = await StoreBackend.CreateAsync("sqlite");
        await using var _ = backend;
        var history = (IMetricHistoryStore)store;
        var clock = new FakeTimeProvider(T0);
        var policy = HistoryPolicy.From(new WatchConfig());
        var recorder = new MetricRecorder(history, policy, clock);

        // 25 minutes at 10 s: CPU 10 + the minute number, with one spike of 90 at minute 3; rx grows 1000 B/s.
        for (var i = 0; i < 150; i++)
        {
            var t = T0.AddSeconds(10 * i);
            var cpu = i == 20 ? 90 : 10 + i / 6;
            await recorder.OnSampleAsync("s1", Samples.Host(t, cpu, rx: 10_000L * i, containers: [Samples.Container("web", cpu: 2)]), CancellationToken.None);
        }
        await recorder.FlushAsync(null, CancellationToken.None);

        var raw = await history.QueryMetricPointsAsync("s1", 0, "", T0, T0.AddHours(1));
        Assert.Equal(150, raw.Count);
        Assert.Equal(0, raw[0].NetRx); // no earlier sample: no rate
        Assert.All(raw.Skip(1), p => Assert.Equal(1000, p.NetRx));

        var minutes = await history.QueryMetricPointsAsync("s1", 1, "", T0, T0.AddHours(1));
        Assert.Equal(25, minutes.Count);
        Assert.All(minutes, p => Assert.Equal(6, p.Samples));
        Assert.Equal(T0.AddMinutes(3), minutes[3].At);
        Assert.Equal((90 + 13 * 5) / 6.0, minutes[3].Cpu, 6);
        Assert.Equal(90, minutes[3].CpuMax);
        Assert.Equal(14, minutes[4].Cpu, 6);
        Assert.Equal(25, minutes[4].Memory, 6); // host memory in percent (250 of 1000)

        var tens = await history.QueryMetricPointsAsync("s1", 2, "", T0, T0.AddHours(1));
        Assert.Equal([60, 60, 30], tens.Select(p => p.Samples)); // the last step was flushed unfinished
        Assert.Equal(90, tens[0].CpuMax);
        Assert.Equal(25, (await history.QueryMetricPointsAsync("s1", 1, "web", T0, T0.AddHours(1))).Count);

        // Pruning: raw goes after 24 h, 1-minute after 7 d, 10-minute after 90 d.
        clock.SetUtcNow(T0.AddHours(24).AddMinutes(10));
        await recorder.PruneAsync(CancellationToken.None);
        Assert.Equal(90, (await history.QueryMetricPointsAsync("s1", 0, "", T0, T0.AddHours(1))).Count); // minutes 10..24 remain
        Assert.Equal(25, (await history.QueryMetricPointsAsync("s1", 1, "", T0, T0.AddHours(1))).Count);
        clock.SetUtcNow(T0.AddDays(8));
        await recorder.PruneAsync(CancellationToken.None);
        Assert.Empty(await history.QueryMetricPointsAsync("s1", 0, "", T0, T0.AddHours(1)));
        Assert.Empty(await history.QueryMetricPointsAsync("s1", 1, "", T0, T0.AddHours(1)));
        Assert.Equal(3, (await history.QueryMetricPointsAsync("s1", 2, "", T0, T0.AddHours(1))).Count);
        clock.SetUtcNow(T0.AddDays(91));
        await recorder.PruneAsync(CancellationToken.None);
        Assert.Empty(await history.QueryMetricPointsAsync("s1", 2, "", T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task A_query_reads_the_tier_that_covers_the_range_and_merges_it_into_the_step_asked_for()
    {
        var (backend, store) = await StoreBackend.CreateAsync("sqlite");
        await using var _ = backend;
        var history = (IMetricHistoryStore)store;
        var clock = new FakeTimeProvider(T0.AddDays(2));
        var policy = HistoryPolicy.From(new WatchConfig());
        // 1-minute points for the last 2 days: CPU = minute of the hour.
        var points = Enumerable.Range(0, 2 * 24 * 60).Select(m => new MetricPoint("s1", 1, "", T0.AddMinutes(m), 6, m % 60, m % 60 + 1, 10, 10, null, null, null, 0, 0)).ToList();
        await history.AddMetricPointsAsync(points);
        var service = new MetricHistoryService(history, policy, clock);

        var series = await service.QueryAsync("s1", null, TimeSpan.FromHours(36), TimeSpan.FromHours(1), CancellationToken.None);
        Assert.Equal(1, series.Tier.Tier); // raw keeps only 24 h
        Assert.Equal(TimeSpan.FromHours(1), series.Step);
        Assert.Equal(36, series.Points.Count);
        Assert.All(series.Points, p => { Assert.Equal(29.5, p.Cpu, 6); Assert.Equal(60, p.CpuMax); Assert.Equal(360, p.Samples); });

        Assert.Equal(0, policy.Choose(TimeSpan.FromHours(6)).Tier);
        Assert.Equal(1, policy.Choose(TimeSpan.FromDays(7)).Tier);
        Assert.Equal(2, policy.Choose(TimeSpan.FromDays(30)).Tier);
        Assert.Equal(2, policy.Choose(TimeSpan.FromDays(365)).Tier);
        Assert.Throws<FormatException>(() => HistoryPolicy.From(new WatchConfig { Tiers = [new() { Step = "5s", Keep = "1d" }] }));
    }
}
