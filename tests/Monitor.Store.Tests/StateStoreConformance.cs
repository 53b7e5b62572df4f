using System.Text.Json.Nodes;
using Monitor.Control.Store;
using Monitor.Shared.Models;

namespace Monitor.Store.Tests;

/// <summary>
/// The behaviour every <see cref="IStateStore"/> backend must have. Each backend's test class derives from this
/// and supplies a fresh, empty location (file, schema) per test.
/// </summary>
public abstract partial class StateStoreConformance : IAsyncLifetime
{
    private readonly List<IStateStore> _opened = [];

    protected IStateStore Store { get; private set; } = null!;

    /// <summary>Prepares a fresh, empty location for this test.</summary>
    protected abstract Task CreateLocationAsync();
    /// <summary>A new store instance on this test's location (not migrated).</summary>
    protected abstract IStateStore CreateStore();
    /// <summary>Records a schema version in the location's schema_version table, bypassing the store.</summary>
    protected abstract Task RecordSchemaVersionAsync(int version, string name);
    /// <summary>Removes this test's location.</summary>
    protected abstract Task DeleteLocationAsync();

    public async Task InitializeAsync()
    {
        await CreateLocationAsync();
        Store = OpenStore();
        await Store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
            await store.DisposeAsync();
        await DeleteLocationAsync();
    }

    /// <summary>A new store instance on this test's location, disposed after the test.</summary>
    protected IStateStore OpenStore()
    {
        var store = CreateStore();
        _opened.Add(store);
        return store;
    }

    // ---- migrations ----

    [Fact]
    public async Task Migrate_again_on_the_same_and_on_a_new_instance_keeps_data()
    {
        await Store.UpsertServerAsync(Server("web-01"));
        await Store.MigrateAsync();
        var second = OpenStore();
        await second.MigrateAsync();

        Assert.Equal(["web-01"], (await second.ListServersAsync()).Select(s => s.Name));
    }

    [Fact]
    public async Task Migrate_refuses_a_schema_newer_than_this_monitor()
    {
        await RecordSchemaVersionAsync(999, "from the future");

        var error = await Assert.ThrowsAsync<StateStoreException>(() => OpenStore().MigrateAsync());
        Assert.Contains("999", error.Message);
        Assert.Contains("upgrade this monitor", error.Message);
    }

    // ---- servers ----

    [Fact]
    public async Task Servers_upsert_get_list_and_remove()
    {
        var added = SampleActions.T0;
        var web = Server("web-01") with { Description = "front", Tags = ["prod", "eu"], TlsFingerprint = "AB:CD", Added = added };
        await Store.UpsertServerAsync(web);
        await Store.UpsertServerAsync(Server("db-01"));
        await Store.UpsertServerAsync(Server("Zeta"));

        var got = await Store.GetServerAsync("web-01");
        Assert.NotNull(got);
        Assert.Equal("ws://127.0.0.1:7001", got.Url);
        Assert.Equal("front", got.Description);
        Assert.Equal(["prod", "eu"], got.Tags);
        Assert.Equal("AB:CD", got.TlsFingerprint);
        Assert.Equal(StoredForm.Time(added), got.Added);
        Assert.Equal(TimeSpan.Zero, got.Added.Offset);

        Assert.Equal(["Zeta", "db-01", "web-01"], (await Store.ListServersAsync()).Select(s => s.Name));

        Assert.True(await Store.RemoveServerAsync("db-01"));
        Assert.False(await Store.RemoveServerAsync("db-01"));
        Assert.Null(await Store.GetServerAsync("db-01"));
        Assert.Equal(["Zeta", "web-01"], (await Store.ListServersAsync()).Select(s => s.Name));
    }

    [Fact]
    public async Task Server_upsert_replaces_fields_but_keeps_the_added_time()
    {
        await Store.UpsertServerAsync(Server("web-01") with { Added = SampleActions.T0, Tags = ["old"], Description = "old" });
        await Store.UpsertServerAsync(Server("web-01") with
        {
            Url = "wss://10.0.0.5:7443", Added = SampleActions.T0.AddDays(3), Tags = [], Description = null, TlsFingerprint = "FF",
        });

        var got = await Store.GetServerAsync("web-01");
        Assert.NotNull(got);
        Assert.Equal("wss://10.0.0.5:7443", got.Url);
        Assert.Empty(got.Tags);
        Assert.Null(got.Description);
        Assert.Equal("FF", got.TlsFingerprint);
        Assert.Equal(StoredForm.Time(SampleActions.T0), got.Added);
        Assert.Single(await Store.ListServersAsync());
    }

    [Fact]
    public async Task Unknown_server_is_null()
    {
        Assert.Null(await Store.GetServerAsync("nope"));
    }

    // ---- actions ----

    [Fact]
    public async Task Action_is_added_running_then_completed()
    {
        var start = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(9);
        var running = new ActionRecord
        {
            Start = start, User = "alice", Type = ActionTypes.ContainerRestart, Server = "web-01", Stack = "shop",
            Target = "shop-web-1", Parameters = new Dictionary<string, string> { ["timeout"] = "10" },
        };
        var id = await Store.AddActionAsync(running with { Id = 12345 });
        Assert.True(id > 0);

        var stored = await Store.GetActionAsync(id);
        StoredForm.AssertSameAction(StoredForm.Of(running, id), stored);
        Assert.Null(stored!.Success);
        Assert.Null(stored.End);

        var done = stored with
        {
            End = start.AddSeconds(3.5), Success = false, Output = "line 1\nline 2", Error = "exit code 1",
            Result = new Dictionary<string, string> { ["exitCode"] = "1" },
            User = "ignored", Type = "ignored", Parameters = new Dictionary<string, string>(),
        };
        await Store.CompleteActionAsync(done);

        var completed = await Store.GetActionAsync(id);
        var expected = StoredForm.Of(running, id) with
        {
            End = StoredForm.Time(start.AddSeconds(3.5)), Success = false, Output = "line 1\nline 2", Error = "exit code 1",
            Result = new Dictionary<string, string> { ["exitCode"] = "1" },
        };
        StoredForm.AssertSameAction(expected, completed);
    }

    [Fact]
    public async Task Action_ids_increase()
    {
        var first = await Store.AddActionAsync(Minimal("a"));
        var second = await Store.AddActionAsync(Minimal("b"));
        Assert.True(second > first);
    }

    [Fact]
    public async Task Completing_an_unknown_action_says_so()
    {
        var error = await Assert.ThrowsAsync<StateStoreException>(
            () => Store.CompleteActionAsync(Minimal("x") with { Id = 424242, Success = true }));
        Assert.Contains("424242", error.Message);
    }

    [Fact]
    public async Task Unknown_action_is_null()
    {
        Assert.Null(await Store.GetActionAsync(987654));
    }

    [Fact]
    public async Task Parameters_with_secrets_round_trip_exactly_as_given()
    {
        var parameters = new Dictionary<string, string>
        {
            ["password"] = "s3cr3t \"quoted\" \\ ünïcode 🔑",
            ["env.API_TOKEN"] = "***",
            ["empty"] = "",
        };
        var record = Minimal("alice") with { Parameters = parameters, Output = "ok\r\n\t" + new string('x', 70_000) };
        var id = await Store.AddActionAsync(record);

        StoredForm.AssertSameAction(StoredForm.Of(record, id), await Store.GetActionAsync(id));
    }

    [Fact]
    public async Task Seeded_history_round_trips_every_field()
    {
        var seeded = await SeedAsync();
        foreach (var expected in seeded)
            StoredForm.AssertSameAction(expected, await Store.GetActionAsync(expected.Id));
    }

    [Theory]
    [InlineData("server")]
    [InlineData("stack")]
    [InlineData("type")]
    [InlineData("user")]
    [InlineData("success")]
    [InlineData("failure")]
    [InlineData("since")]
    [InlineData("until")]
    [InlineData("since+until")]
    [InlineData("user+server")]
    [InlineData("none")]
    public async Task Query_filters(string filter)
    {
        var seeded = await SeedAsync();
        var t = SampleActions.T0;
        var (query, predicate) = filter switch
        {
            "server" => (new ActionQuery { Server = "web-01" }, (Func<ActionRecord, bool>)(r => r.Server == "web-01")),
            "stack" => (new ActionQuery { Stack = "shop" }, r => r.Stack == "shop"),
            "type" => (new ActionQuery { Type = "stack.deploy" }, r => r.Type == "stack.deploy"),
            "user" => (new ActionQuery { User = "alice" }, r => r.User == "alice"),
            "success" => (new ActionQuery { Success = true }, r => r.Success == true),
            "failure" => (new ActionQuery { Success = false }, r => r.Success == false),
            // Since is inclusive (two actions start exactly at T0+10s), Until exclusive (one starts at T0+40s).
            "since" => (new ActionQuery { Since = t.AddSeconds(10) }, r => r.Start >= StoredForm.Time(t.AddSeconds(10))),
            "until" => (new ActionQuery { Until = t.AddSeconds(40) }, r => r.Start < StoredForm.Time(t.AddSeconds(40))),
            "since+until" => (new ActionQuery { Since = t.AddSeconds(10), Until = t.AddSeconds(40) },
                r => r.Start >= StoredForm.Time(t.AddSeconds(10)) && r.Start < StoredForm.Time(t.AddSeconds(40))),
            "user+server" => (new ActionQuery { User = "alice", Server = "db-01" }, r => r.User == "alice" && r.Server == "db-01"),
            "none" => (new ActionQuery(), r => true),
            _ => throw new ArgumentOutOfRangeException(nameof(filter)),
        };

        var expected = ExpectedActionOrder.Ids(seeded.Where(predicate), ActionSortField.Start, descending: true);
        Assert.NotEmpty(expected);
        Assert.True(filter == "none" ? expected.Count == seeded.Count : expected.Count < seeded.Count, "the filter must select a strict subset");

        var actual = await Store.QueryActionsAsync(query);
        Assert.Equal(expected, actual.Select(r => r.Id));
    }

    [Fact]
    public async Task Query_time_filters_accept_any_offset()
    {
        var seeded = await SeedAsync();
        var since = SampleActions.T0.AddSeconds(50).ToOffset(TimeSpan.FromHours(-5));

        var actual = await Store.QueryActionsAsync(new ActionQuery { Since = since });

        Assert.Equal(ExpectedActionOrder.Ids(seeded.Where(r => r.Start >= StoredForm.Time(since)), ActionSortField.Start, true),
            actual.Select(r => r.Id));
    }

    public static TheoryData<ActionSortField, bool> EverySort()
    {
        var data = new TheoryData<ActionSortField, bool>();
        foreach (var field in Enum.GetValues<ActionSortField>())
        {
            data.Add(field, false);
            data.Add(field, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EverySort))]
    public async Task Query_sorts(ActionSortField field, bool descending)
    {
        var seeded = await SeedAsync();

        var actual = await Store.QueryActionsAsync(new ActionQuery { Sort = field, Descending = descending });

        Assert.Equal(ExpectedActionOrder.Ids(seeded, field, descending), actual.Select(r => r.Id));
    }

    [Fact]
    public async Task Duration_sort_puts_running_actions_last_both_ways()
    {
        var seeded = await SeedAsync();
        var running = seeded.Where(r => r.End is null).Select(r => r.Id).ToHashSet();
        Assert.Equal(2, running.Count);

        foreach (var descending in new[] { false, true })
        {
            var ids = (await Store.QueryActionsAsync(new ActionQuery { Sort = ActionSortField.Duration, Descending = descending }))
                .Select(r => r.Id).ToList();
            Assert.Equal(running, ids.TakeLast(2).ToHashSet());
        }
    }

    [Fact]
    public async Task Query_pages_with_limit_and_offset()
    {
        var seeded = await SeedAsync();
        var all = ExpectedActionOrder.Ids(seeded, ActionSortField.User, descending: false);

        var paged = new List<long>();
        for (var offset = 0; offset < seeded.Count + 3; offset += 3)
        {
            var page = await Store.QueryActionsAsync(new ActionQuery { Sort = ActionSortField.User, Descending = false, Limit = 3, Offset = offset });
            Assert.True(page.Count <= 3);
            paged.AddRange(page.Select(r => r.Id));
        }

        Assert.Equal(all, paged);
        Assert.Empty(await Store.QueryActionsAsync(new ActionQuery { Offset = seeded.Count }));
        Assert.Empty(await Store.QueryActionsAsync(new ActionQuery { Limit = 0 }));
        Assert.Equal(all.Skip(8).Take(5), (await Store.QueryActionsAsync(
            new ActionQuery { Sort = ActionSortField.User, Descending = false, Limit = 5, Offset = 8 })).Select(r => r.Id));
    }

    [Fact]
    public async Task Keyset_paging_walks_every_sort_both_ways_in_the_full_order()
    {
        var seeded = await SeedAsync();
        foreach (var field in Enum.GetValues<ActionSortField>())
            foreach (var descending in new[] { false, true })
            {
                var expected = ExpectedActionOrder.Ids(seeded, field, descending);
                var paged = new List<long>();
                long? after = null;
                while (true)
                {
                    var page = await Store.QueryActionsAsync(new ActionQuery { Sort = field, Descending = descending, Limit = 2, AfterId = after });
                    Assert.True(page.Count <= 2);
                    if (page.Count == 0) break;
                    paged.AddRange(page.Select(r => r.Id));
                    after = page[^1].Id;
                }
                Assert.True(expected.SequenceEqual(paged), $"{field} {(descending ? "desc" : "asc")}: expected {string.Join(",", expected)} got {string.Join(",", paged)}");
            }
    }

    [Fact]
    public async Task Keyset_paging_keeps_filters_and_a_gone_cursor_gives_no_rows()
    {
        var seeded = await SeedAsync();
        var expected = ExpectedActionOrder.Ids(seeded.Where(r => r.Server == "web-01"), ActionSortField.Stack, descending: false);
        Assert.True(expected.Count >= 2);
        var first = await Store.QueryActionsAsync(new ActionQuery { Server = "web-01", Sort = ActionSortField.Stack, Descending = false, Limit = 1 });
        var rest = await Store.QueryActionsAsync(new ActionQuery { Server = "web-01", Sort = ActionSortField.Stack, Descending = false, AfterId = first[0].Id });
        Assert.Equal(expected, first.Concat(rest).Select(r => r.Id));
        Assert.Empty(await Store.QueryActionsAsync(new ActionQuery { Sort = ActionSortField.User, AfterId = seeded.Max(r => r.Id) + 1000 }));
    }

    [Fact]
    public async Task Query_rejects_negative_paging()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.QueryActionsAsync(new ActionQuery { Limit = -1 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.QueryActionsAsync(new ActionQuery { Offset = -1 }));
    }

    // ---- documents ----

    [Fact]
    public async Task Documents_put_get_list_and_delete()
    {
        await Store.PutDocumentAsync("stacks", "shop", """{"name":"shop","replicas":2,"env":{"A":"1"}}""");
        await Store.PutDocumentAsync("stacks", "billing", """{"name":"billing","tags":["x","y"]}""");
        await Store.PutDocumentAsync("alerts", "shop", """{"cpu":90}""");

        AssertJson("""{"name":"shop","replicas":2,"env":{"A":"1"}}""", await Store.GetDocumentAsync("stacks", "shop"));
        AssertJson("""{"cpu":90}""", await Store.GetDocumentAsync("alerts", "shop"));
        Assert.Null(await Store.GetDocumentAsync("stacks", "nope"));
        Assert.Null(await Store.GetDocumentAsync("nope", "shop"));

        var listed = await Store.ListDocumentsAsync("stacks");
        Assert.Equal(["billing", "shop"], listed.Select(d => d.Key));
        AssertJson("""{"name":"billing","tags":["x","y"]}""", listed[0].Value);

        await Store.PutDocumentAsync("stacks", "shop", """{"name":"shop","replicas":3}""");
        AssertJson("""{"name":"shop","replicas":3}""", await Store.GetDocumentAsync("stacks", "shop"));
        Assert.Equal(2, (await Store.ListDocumentsAsync("stacks")).Count);

        Assert.True(await Store.DeleteDocumentAsync("stacks", "shop"));
        Assert.False(await Store.DeleteDocumentAsync("stacks", "shop"));
        Assert.Null(await Store.GetDocumentAsync("stacks", "shop"));
        Assert.Equal(["billing"], (await Store.ListDocumentsAsync("stacks")).Select(d => d.Key));
        Assert.NotNull(await Store.GetDocumentAsync("alerts", "shop"));
        Assert.Empty(await Store.ListDocumentsAsync("empty"));
    }

    [Fact]
    public async Task Try_add_document_claims_a_free_key_once_even_when_many_writers_race()
    {
        Assert.True(await Store.TryAddDocumentAsync("claims", "web/0.0.1", """{"by":"first"}"""));
        Assert.False(await Store.TryAddDocumentAsync("claims", "web/0.0.1", """{"by":"second"}"""));
        AssertJson("""{"by":"first"}""", await Store.GetDocumentAsync("claims", "web/0.0.1"));

        var racers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.TryAddDocumentAsync("claims", "web/0.0.2", $$"""{"by":{{i}}}"""))));
        Assert.Single(racers, won => won);
    }

    [Fact]
    public async Task Delete_if_removes_a_document_only_while_it_holds_what_was_read()
    {
        await Store.PutDocumentAsync("leases", "web", """{"holder":"a","token":"1"}""");
        var read = (await Store.GetDocumentAsync("leases", "web"))!;
        await Store.PutDocumentAsync("leases", "web", """{"holder":"b","token":"2"}""");
        Assert.False(await Store.DeleteDocumentIfAsync("leases", "web", read));
        AssertJson("""{"holder":"b","token":"2"}""", await Store.GetDocumentAsync("leases", "web"));

        var current = (await Store.GetDocumentAsync("leases", "web"))!;
        Assert.True(await Store.DeleteDocumentIfAsync("leases", "web", current));
        Assert.Null(await Store.GetDocumentAsync("leases", "web"));
        Assert.False(await Store.DeleteDocumentIfAsync("leases", "web", current));
    }

    [Fact]
    public async Task Documents_that_are_not_json_are_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.PutDocumentAsync("stacks", "bad", "{not json"));
        Assert.Contains("stacks/bad", error.Message);
        Assert.Null(await Store.GetDocumentAsync("stacks", "bad"));
    }

    // ---- metrics ----

    [Fact]
    public async Task Metrics_are_added_and_queried_by_half_open_range()
    {
        var t = SampleActions.T0;
        await Store.AddMetricSamplesAsync(
        [
            Sample("web-01", t.AddMinutes(2), 30.5, null),
            Sample("web-01", t, 10.25, 55.5),
            Sample("web-01", t.AddMinutes(1), 20, 56),
            Sample("db-01", t.AddMinutes(1), 99, null),
        ]);

        var got = await Store.QueryMetricsAsync("web-01", t, t.AddMinutes(2));

        Assert.Equal([StoredForm.Time(t), StoredForm.Time(t.AddMinutes(1))], got.Select(s => s.Time));
        Assert.Equal(Sample("web-01", StoredForm.Time(t), 10.25, 55.5), got[0]);
        Assert.All(got, s => Assert.Equal(TimeSpan.Zero, s.Time.Offset));

        var last = await Store.QueryMetricsAsync("web-01", t.AddMinutes(2), t.AddMinutes(3));
        Assert.Equal([Sample("web-01", StoredForm.Time(t.AddMinutes(2)), 30.5, null)], last);

        Assert.Single(await Store.QueryMetricsAsync("db-01", t, t.AddHours(1)));
        Assert.Empty(await Store.QueryMetricsAsync("nope", t, t.AddHours(1)));
    }

    [Fact]
    public async Task Metric_sample_for_the_same_server_and_time_replaces_the_old_one()
    {
        var t = SampleActions.T0;
        await Store.AddMetricSamplesAsync([Sample("web-01", t, 10, 50)]);
        await Store.AddMetricSamplesAsync([Sample("web-01", t, 20, null)]);
        await Store.AddMetricSamplesAsync([]);

        var got = await Store.QueryMetricsAsync("web-01", t.AddSeconds(-1), t.AddSeconds(1));
        Assert.Equal([Sample("web-01", StoredForm.Time(t), 20, null)], got);
    }

    // ---- helpers ----

    /// <summary>Adds <see cref="SampleActions"/> (running ones added, finished ones added then completed) and
    /// returns them as they should read back.</summary>
    protected async Task<IReadOnlyList<ActionRecord>> SeedAsync()
    {
        var stored = new List<ActionRecord>();
        foreach (var record in SampleActions.Build())
        {
            var id = await Store.AddActionAsync(record with { End = null, Success = null, Output = "", Error = null, Result = new Dictionary<string, string>() });
            if (record.Success is not null)
                await Store.CompleteActionAsync(record with { Id = id });
            stored.Add(StoredForm.Of(record, id));
        }
        return stored;
    }

    protected static ServerInfo Server(string name) => new() { Name = name, Url = "ws://127.0.0.1:7001" };

    protected static ActionRecord Minimal(string user) =>
        new() { Start = SampleActions.T0, User = user, Type = ActionTypes.CommandRun };

    private static MetricSample Sample(string server, DateTimeOffset time, double cpu, double? temperature) =>
        new(server, time, cpu, 1_000_000_000L + (long)cpu, 8_000_000_000L, 40_000_000_000L, 100_000_000_000L, temperature, cpu / 10);

    private static void AssertJson(string expected, string? actual)
    {
        Assert.NotNull(actual);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"Expected {expected}, got {actual}");
    }
}
