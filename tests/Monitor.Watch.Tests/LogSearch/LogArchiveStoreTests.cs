using Monitor.Control.Store;

namespace Monitor.Watch.Tests.LogSearch;

/// <summary>The kept-log store on both real backends: lines and cursors in one transaction, full-text substring search
/// with filters and paging, context around a hit, pruning by age and by count.</summary>
public sealed class LogArchiveStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static KeptLogLine Line(string server, string source, int second, string message, string? level = null, string? stack = null) =>
        new(0, server, source, stack, T0.AddSeconds(second), level, "stdout", message);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Lines_and_cursors_are_kept_together_and_searched_by_substring_with_filters(string kind)
    {
        var (backend, store) = await StoreBackend.CreateAsync(kind);
        await using var _ = backend;
        var archive = (ILogArchive)store;

        await archive.AppendLogLinesAsync(
        [
            Line("a", "web", 0, "GET /index 200", "info", "shop"),
            Line("a", "web", 1, "Connection REFUSED by db", "error", "shop"),
            Line("a", "db", 2, "checkpoint complete"),
            Line("b", "web", 3, "connection refused again", "warn"),
            Line("b", "logfile:/tmp/x_log_1", 4, "100% done_now"),
        ], [new LogCursor("a", "web", "ts-1|1"), new LogCursor("b", "web", "ts-3|1")]);
        await archive.AppendLogLinesAsync([], [new LogCursor("a", "web", "ts-1|2")]);

        Assert.Equal(new Dictionary<string, string> { ["web"] = "ts-1|2" }, await archive.GetLogCursorsAsync("a"));
        Assert.Equal("ts-3|1", (await archive.GetLogCursorsAsync("b"))["web"]);

        var refused = await archive.SearchLogLinesAsync(new LogSearchQuery("refused"));
        Assert.Equal(["connection refused again", "Connection REFUSED by db"], refused.Select(l => l.Message)); // newest first, any case
        Assert.Equal(["a"], (await archive.SearchLogLinesAsync(new LogSearchQuery("refused", Server: "a"))).Select(l => l.Server));
        Assert.Equal(["Connection REFUSED by db"], (await archive.SearchLogLinesAsync(new LogSearchQuery("ConneCtion", Stack: "shop"))).Select(l => l.Message));
        Assert.Equal(["Connection REFUSED by db"], (await archive.SearchLogLinesAsync(new LogSearchQuery("refused", Levels: ["error"]))).Select(l => l.Message));
        Assert.Single(await archive.SearchLogLinesAsync(new LogSearchQuery("refused", Since: T0.AddSeconds(2))));
        Assert.Equal(["100% done_now"], (await archive.SearchLogLinesAsync(new LogSearchQuery("0% done_"))).Select(l => l.Message)); // LIKE wildcards are literal
        Assert.Empty(await archive.SearchLogLinesAsync(new LogSearchQuery("0%_one")));
        Assert.Equal(2, (await archive.SearchLogLinesAsync(new LogSearchQuery("on"))).Count(l => l.Message.Contains("onnection", StringComparison.OrdinalIgnoreCase)));

        var all = await archive.SearchLogLinesAsync(new LogSearchQuery(Limit: 2));
        Assert.Equal(["100% done_now", "connection refused again"], all.Select(l => l.Message));
        var next = await archive.SearchLogLinesAsync(new LogSearchQuery(Limit: 2, BeforeId: all[^1].Id));
        Assert.Equal(["checkpoint complete", "Connection REFUSED by db"], next.Select(l => l.Message));
        var hit = next[1];
        Assert.Equal(new KeptLogLine(hit.Id, "a", "web", "shop", T0.AddSeconds(1), "error", "stdout", "Connection REFUSED by db"), hit);

        var context = await archive.GetLogContextAsync(hit.Id, 5, 5);
        Assert.Equal(["GET /index 200", "Connection REFUSED by db"], context.Select(l => l.Message)); // same server and source only
        Assert.Empty(await archive.GetLogContextAsync(hit.Id + 1000, 5, 5));

        var (lines, bytes) = await archive.GetLogArchiveSizeAsync();
        Assert.Equal(5, lines);
        Assert.True(bytes > 5 * 20, $"size {bytes}");
        Assert.Equal(2, await archive.PruneLogLinesAsync(T0.AddSeconds(2)));
        Assert.Empty(await archive.SearchLogLinesAsync(new LogSearchQuery("REFUSED by")));
        Assert.Equal(1, await archive.PruneOldestLogLinesAsync(1));
        Assert.Equal(["100% done_now", "connection refused again"], (await archive.SearchLogLinesAsync(new LogSearchQuery())).Select(l => l.Message));
        Assert.Single(await archive.SearchLogLinesAsync(new LogSearchQuery("refused"))); // the index forgot the pruned lines
    }
}
