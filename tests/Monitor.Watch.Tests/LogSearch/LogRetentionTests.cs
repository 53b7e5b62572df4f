using Microsoft.Extensions.Time.Testing;
using Monitor.Control.Agents;
using Monitor.Control.LogSearch;
using Monitor.Control.Store;
using Monitor.Shared.Security;

namespace Monitor.Watch.Tests.LogSearch;

/// <summary>Retention on both stores with an injected clock: lines past the age go, then the oldest while over max_size.</summary>
public sealed class LogRetentionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Pruning_removes_lines_past_the_retention_then_the_oldest_over_max_size(string kind)
    {
        var (backend, store) = await StoreBackend.CreateAsync(kind);
        await using var _ = backend;
        var archive = (ILogArchive)store;
        var lines = Enumerable.Range(0, 20).Select(day => new KeptLogLine(0, "a", "web", null, T0.AddDays(day), null, "stdout", $"day {day:D2} " + new string('x', 36))).ToList();
        await archive.AppendLogLinesAsync(lines, []);
        var clock = new FakeTimeProvider(T0.AddDays(20));
        using var key = ConsoleKeyPair.Generate();
        await using var agents = new AgentClientFactory(key, "test");
        var plan = new LogKeepPlan([LogKeepEntry.Parse("web")], new Dictionary<string, IReadOnlyList<LogKeepEntry>>());

        await using (var keeper = new LogKeeper(store, agents, plan, new LogsSettings(TimeSpan.FromDays(14), long.MaxValue), null, _ => { }, clock))
            Assert.Equal((6, 0), await keeper.PruneAsync(CancellationToken.None)); // days 0-5 are older than 14 days
        Assert.Equal("day 06", (await archive.SearchLogLinesAsync(new LogSearchQuery()))[^1].Message[..6]);

        clock.Advance(TimeSpan.FromDays(2));
        var (count, bytes) = await archive.GetLogArchiveSizeAsync();
        Assert.Equal(14, count);
        await using (var keeper = new LogKeeper(store, agents, plan, new LogsSettings(TimeSpan.FromDays(14), bytes / 2), null, _ => { }, clock))
            Assert.Equal((2, 5), await keeper.PruneAsync(CancellationToken.None)); // days 6-7 by age, then 5 more to fit half the size
        var kept = (await archive.SearchLogLinesAsync(new LogSearchQuery())).Select(l => l.Message[..6]).Reverse().ToList();
        Assert.Equal(Enumerable.Range(13, 7).Select(d => $"day {d:D2}"), kept);
    }
}
