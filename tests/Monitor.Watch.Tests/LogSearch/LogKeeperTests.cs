using Monitor.Control.LogSearch;
using Monitor.Control.Store;
using Monitor.TestSupport;
using Npgsql;

namespace Monitor.Watch.Tests.LogSearch;

/// <summary>Shipping real container logs from real agents into both stores: across an agent restart and a `monitor serve`
/// restart, across a store outage, and from two agents at once, with no line lost or kept twice.</summary>
public sealed class LogKeeperTests
{
    private static LogKeepPlan Keep(params string[] entries) =>
        new(entries.Select(LogKeepEntry.Parse).ToList(), new Dictionary<string, IReadOnlyList<LogKeepEntry>>());

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Shipped_logs_survive_an_agent_restart_and_a_keeper_restart_with_no_line_lost_or_duplicated(string kind)
    {
        var (backend, store) = await StoreBackend.CreateAsync(kind);
        await using var _ = backend;
        await using var fixture = new LogKeeperFixture();
        await using var agent = await TestAgent.StartAsync();
        await fixture.RegisterAsync(store, "mt-ls-a", agent);
        var container = await fixture.StartCounterAsync("restart");

        var keeper = fixture.Keeper(store, agent, Keep(container), "keeper-1");
        await Eventually.HoldsAsync(async () => (await LogKeeperFixture.KeptNumbersAsync(store, "mt-ls-a", container)).Count >= 200, "200 lines kept");

        await agent.StopAsync();
        var whileDown = await fixture.LastPrintedAsync(container);
        await Eventually.HoldsAsync(async () => await fixture.LastPrintedAsync(container) > whileDown + 100, "the container prints on while its agent is down");
        await agent.StartAgainAsync();
        await Eventually.HoldsAsync(async () => (await LogKeeperFixture.KeptNumbersAsync(store, "mt-ls-a", container)).LastOrDefault() > whileDown + 100,
            "lines printed while the agent was down are kept");

        // `monitor serve` restarts: a new keeper resumes from the stored cursor.
        await fixture.DisposeKeeperAsync(keeper);
        var cursor = (await ((ILogArchive)store).GetLogCursorsAsync("mt-ls-a"))[container];
        Assert.Contains('|', cursor);
        fixture.Keeper(store, agent, Keep(container), "keeper-2");
        var beforeSecond = (await LogKeeperFixture.KeptNumbersAsync(store, "mt-ls-a", container)).Count;
        await Eventually.HoldsAsync(async () => (await LogKeeperFixture.KeptNumbersAsync(store, "mt-ls-a", container)).Count > beforeSecond + 100, "the second keeper ships on");

        await fixture.StopAsync(container);
        var last = await fixture.LastPrintedAsync(container);
        await Eventually.HoldsAsync(async () => (await LogKeeperFixture.KeptNumbersAsync(store, "mt-ls-a", container)).Count >= last + 1, $"all {last + 1} lines kept");
        LogKeeperFixture.AssertComplete(await LogKeeperFixture.KeptNumbersAsync(store, "mt-ls-a", container), last);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_store_outage_pauses_shipping_and_recovery_keeps_every_line_once(string kind)
    {
        var (backend, store) = await StoreBackend.CreateAsync(kind);
        await using var _ = backend;
        await using var fixture = new LogKeeperFixture();
        await using var agent = await TestAgent.StartAsync();
        await fixture.RegisterAsync(store, "mt-ls-a", agent);
        var container = await fixture.StartCounterAsync("outage");
        fixture.Keeper(store, agent, Keep(container), "keeper");
        await Eventually.HoldsAsync(async () => (await LogKeeperFixture.KeptNumbersAsync(store, "mt-ls-a", container)).Count >= 100, "100 lines kept");

        // The outage: the cursor table is gone, so every write transaction fails after inserting its lines (and rolls back).
        await ExecuteAsync(backend, "ALTER TABLE log_cursors RENAME TO log_cursors_away");
        await Eventually.HoldsAsync(() => fixture.Log.Any(l => l.Contains("cannot write kept lines", StringComparison.Ordinal)), "the keeper sees the outage");
        var duringOutage = await fixture.LastPrintedAsync(container);
        await Eventually.HoldsAsync(async () => await fixture.LastPrintedAsync(container) > duringOutage + 200, "the container prints on during the outage");
        await ExecuteAsync(backend, "ALTER TABLE log_cursors_away RENAME TO log_cursors");
        await Eventually.HoldsAsync(() => fixture.Log.Any(l => l.Contains("accepts writes again", StringComparison.Ordinal)), "the keeper recovers");

        await fixture.StopAsync(container);
        var last = await fixture.LastPrintedAsync(container);
        await Eventually.HoldsAsync(async () => (await LogKeeperFixture.KeptNumbersAsync(store, "mt-ls-a", container)).Count >= last + 1, $"all {last + 1} lines kept");
        LogKeeperFixture.AssertComplete(await LogKeeperFixture.KeptNumbersAsync(store, "mt-ls-a", container), last);
    }

    [Fact]
    public async Task Search_finds_lines_kept_from_two_agents()
    {
        var (backend, store) = await StoreBackend.CreateAsync("sqlite");
        await using var _ = backend;
        await using var fixture = new LogKeeperFixture();
        await using var a = await TestAgent.StartAsync();
        await using var b = await TestAgent.StartAsync(c => c.AuthorizedKeys = a.Config.AuthorizedKeys); // one console key for both
        await fixture.RegisterAsync(store, "mt-ls-a", a);
        await fixture.RegisterAsync(store, "mt-ls-b", b);
        var onA = await fixture.StartCounterAsync("on-a", "checkout failed ERROR order", perBurst: 2);
        var onB = await fixture.StartCounterAsync("on-b", "checkout failed WARN cart", perBurst: 2);
        var plan = new LogKeepPlan([], new Dictionary<string, IReadOnlyList<LogKeepEntry>>
        {
            ["mt-ls-a"] = [LogKeepEntry.Parse(onA)],
            ["mt-ls-b"] = [LogKeepEntry.Parse(onB)],
        });
        fixture.Keeper(store, a, plan, "keeper");

        var search = new LogSearchService(store);
        await Eventually.HoldsAsync(async () =>
            (await search.SearchAsync(new LogSearchRequest("CHECKOUT FAILED", Limit: 1000))).Lines.Select(l => l.Server).Distinct().Count() == 2,
            "hits from both servers");
        await Eventually.HoldsAsync(async () => (await search.SearchAsync(new LogSearchRequest("cart 21", Server: "mt-ls-b"))).Lines.Count > 0, "cart 21 kept");
        var hits = (await search.SearchAsync(new LogSearchRequest("checkout failed", Limit: 1000))).Lines;
        Assert.All(hits.Where(h => h.Server == "mt-ls-a"), h => Assert.Equal(onA, h.Source));
        Assert.All(hits.Where(h => h.Server == "mt-ls-b"), h => Assert.Equal(onB, h.Source));

        var errors = await search.SearchAsync(new LogSearchRequest("checkout", Level: "error", Limit: 1000));
        Assert.NotEmpty(errors.Lines);
        Assert.All(errors.Lines, h => Assert.Equal(("mt-ls-a", "error"), (h.Server, h.Level)));

        var regex = await search.SearchAsync(new LogSearchRequest("/failed (ERROR|WARN) (order|cart) 1[0-9]$/", Limit: 1000));
        Assert.True(regex.Regex);
        Assert.Equal(["mt-ls-a", "mt-ls-b"], regex.Lines.Select(l => l.Server).Distinct().Order());
        Assert.All(regex.Lines, l => Assert.Matches("1[0-9]$", l.Message));
        var narrowed = await search.SearchAsync(new LogSearchRequest("/cart 1\\d$/", Server: "mt-ls-b", Limit: 1000));
        Assert.Equal("cart 1", narrowed.Narrowing);
        Assert.Equal(10, narrowed.Lines.Count);

        var context = await search.ContextAsync(narrowed.Lines[0].Id, 2, 2);
        Assert.Equal(["checkout failed WARN cart 17", "checkout failed WARN cart 18", "checkout failed WARN cart 19", "checkout failed WARN cart 20", "checkout failed WARN cart 21"],
            context.Select(l => l.Message));
    }

    private static async Task ExecuteAsync(StoreBackend backend, string sql)
    {
        if (backend.Kind == "sqlite")
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={backend.SqlitePath};Default Timeout=30");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 30000; " + sql;
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new NpgsqlConnection(StoreBackend.PostgresConnection + $";Search Path={backend.Schema}");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
