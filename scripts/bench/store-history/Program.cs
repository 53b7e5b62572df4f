// History query time at up to a million actions, on both store backends.
// Usage: StoreHistoryBench [records] [api-records]
//   api-records (default 20,000) are inserted through IStateStore by 4 writers (the insert throughput figure); the rest
//   are copies of those made with INSERT ... SELECT (times shifted past the last one) so a million rows load in seconds.
// Then every query the History pane and `monitor history` can make is timed: every filter the pane and the CLI offer
// (alone and in pairs) x every sort field both ways x {first page, keyset page 5,000 rows deep}, plus keyset pages
// 500,000 deep, at the pane's page size (500). Prints a summary per filter and the worst queries; every query's p50/p95
// goes to BENCH_CSV (default /tmp/store-history-<backend>.csv).
// PostgreSQL from MONITOR_TEST_POSTGRES (default: the test database).
using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Monitor.Control.Store;
using Monitor.Control.Store.Postgres;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Models;
using Npgsql;

var records = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var apiRecords = Math.Min(records, args.Length > 1 ? int.Parse(args[1]) : 20_000);
var only = Environment.GetEnvironmentVariable("BENCH_BACKEND"); // sqlite | postgres | empty = both
var pgConnection = Environment.GetEnvironmentVariable("MONITOR_TEST_POSTGRES") is { Length: > 0 } configured
    ? configured
    : "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor_test";

// For iterating: BENCH_KEEP=1 keeps (and reuses, when it already holds the records) the SQLite file
// /tmp/store-history-bench.db and the PostgreSQL schema mt_bench_kept; BENCH_QUERIES=<regex> times only matching queries.
var keep = Environment.GetEnvironmentVariable("BENCH_KEEP") == "1";
var directory = Directory.CreateTempSubdirectory("monitor-bench-");
var schema = keep ? "mt_bench_kept" : "mt_bench_" + Guid.NewGuid().ToString("N")[..8];
var sqlitePath = keep ? Path.Combine(Path.GetTempPath(), "store-history-bench.db") : Path.Combine(directory.FullName, "bench.db");
try
{
    if (only is null or "" or "sqlite")
        await using (var sqlite = new SqliteStateStore(sqlitePath))
            await BenchHistory.RunAsync("SQLite", sqlite, records, apiRecords, async () =>
            {
                var c = new SqliteConnection($"Data Source={sqlitePath}");
                await c.OpenAsync();
                return c;
            }, "started + {0}", "ended + {0}", seconds => seconds * 1_000_000L, null);
    if (only is null or "" or "postgres")
        await using (var postgres = new PostgresStateStore(pgConnection, schema))
            await BenchHistory.RunAsync("PostgreSQL", postgres, records, apiRecords, async () =>
            {
                var c = new NpgsqlConnection(pgConnection + $";Search Path={schema}");
                await c.OpenAsync();
                return c;
            }, "started + make_interval(secs => {0})", "ended + make_interval(secs => {0})", seconds => (double)seconds, "VACUUM ANALYZE actions");
}
finally
{
    directory.Delete(recursive: true);
    if (!keep) await DropSchemaAsync(pgConnection, schema);
}

static async Task DropSchemaAsync(string pgConnection, string schema)
{
    await using var connection = new NpgsqlConnection(pgConnection);
    await connection.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
    await drop.ExecuteNonQueryAsync();
}

internal static class BenchHistory
{
    // Declared before Queries: static fields initialise in text order.
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int Runs = 20;
    private const int PageSize = 500; // the History pane's page (`m` loads the next 500); the CLI's default is 50
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3); // per query: at least 5 runs, then stop after this

    private static (string Name, ActionQuery Filter)[] Filters(DateTimeOffset end) =>
    [
        ("no filter", new ActionQuery()),
        ("server", new ActionQuery { Server = "web-07" }),
        ("stack", new ActionQuery { Stack = "stack-3" }),
        ("type", new ActionQuery { Type = "stack.deploy" }),
        ("user", new ActionQuery { User = "bob" }),
        ("ok", new ActionQuery { Success = true }),
        ("failed", new ActionQuery { Success = false }),
        ("since 6h", new ActionQuery { Since = end.AddHours(-6) }),
        ("server+user", new ActionQuery { Server = "web-03", User = "carol" }),
        ("type+failed", new ActionQuery { Type = "stack.deploy", Success = false }),
        ("stack+type", new ActionQuery { Stack = "stack-1", Type = "container.restart" }),
        ("server+failed", new ActionQuery { Server = "web-11", Success = false }),
        ("server+since 7d", new ActionQuery { Server = "web-05", Since = end.AddDays(-7) }),
    ];

    public static async Task RunAsync(string backend, IStateStore store, int records, int apiRecords,
        Func<Task<DbConnection>> raw, string startedShift, string endedShift, Func<long, object> shiftValue, string? analyze)
    {
        // The seed spreads 100,000 actions over 30 days; the copies continue after the last one.
        var end = Start.AddSeconds(records * 30.0 * 86400 / 100_000);
        await store.MigrateAsync();
        double? insertRate = null;
        if (await CountAsync(raw) == records)
            Console.WriteLine($"{backend}: reusing the kept {records:N0} actions (BENCH_KEEP)");
        else
            insertRate = await LoadAsync(backend, store, records, apiRecords, raw, startedShift, endedShift, shiftValue, analyze);
        if (OnlyInsert) return;
        // What a console does when it opens the store (SQLite: refreshes planner statistics of grown tables).
        await store.MigrateAsync();
        await TimeQueriesAsync(backend, store, records, end, insertRate);
    }

    private static async Task<long> CountAsync(Func<Task<DbConnection>> raw)
    {
        await using var connection = await raw();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM actions";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task<double> LoadAsync(string backend, IStateStore store, int records, int apiRecords,
        Func<Task<DbConnection>> raw, string startedShift, string endedShift, Func<long, object> shiftValue, string? analyze)
    {
        var seed = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await SeedAsync(store, apiRecords);
        seed.Stop();
        var seedCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var insertRate = apiRecords / seed.Elapsed.TotalSeconds;
        Console.WriteLine($"{backend}: inserted {apiRecords:N0} actions through the store in {seed.Elapsed.TotalSeconds:F1} s " +
                          $"({insertRate:N0}/s, 4 writers; bench process CPU {seedCpu:F1} s)");
        if (OnlyInsert) { await InsertLatencyAsync(backend, store); return insertRate; }
        var copy = Stopwatch.StartNew();
        await using (var connection = await raw())
        {
            var have = (long)apiRecords;
            var span = (long)(apiRecords * 30.0 * 86400 / 100_000) + 1;
            while (have < records)
            {
                var take = Math.Min(have, records - have);
                await using var command = connection.CreateCommand();
                command.CommandTimeout = 600;
                command.CommandText =
                    "INSERT INTO actions (started, ended, user_name, type, server, stack, target, parameters, success, output, error, result) " +
                    $"SELECT {string.Format(startedShift, "@shift")}, {string.Format(endedShift, "@shift")}, user_name, type, server, stack, target, " +
                    "parameters, success, output, error, result FROM actions ORDER BY id LIMIT @take";
                var shift = command.CreateParameter(); shift.ParameterName = "@shift"; shift.Value = shiftValue(span * (have / apiRecords)); command.Parameters.Add(shift);
                var limit = command.CreateParameter(); limit.ParameterName = "@take"; limit.Value = take; command.Parameters.Add(limit);
                await command.ExecuteNonQueryAsync();
                have += take;
            }
            if (analyze is not null)
            {
                await using var stats = connection.CreateCommand();
                stats.CommandTimeout = 600;
                stats.CommandText = analyze;
                await stats.ExecuteNonQueryAsync();
            }
        }
        Console.WriteLine($"{backend}: copied up to {records:N0} actions in {copy.Elapsed.TotalSeconds:F1} s");
        return insertRate;
    }

    private static async Task TimeQueriesAsync(string backend, IStateStore store, int records, DateTimeOffset end, double? insertRate)
    {
        Console.WriteLine($"{backend}: timing queries (page {PageSize}, up to {Runs} runs or {Budget.TotalSeconds:F0} s each)");
        var only = Environment.GetEnvironmentVariable("BENCH_QUERIES") is { Length: > 0 } pattern ? new Regex(pattern) : null;

        var results = new List<(string Filter, string Name, double P50, double P95, int Rows)>();
        async Task TimeAsync(string filter, string name, ActionQuery query)
        {
            if (only is not null && !only.IsMatch(name)) return;
            for (var i = 0; i < 2; i++) await store.QueryActionsAsync(query);
            var times = new List<double>();
            var rows = 0;
            var spent = Stopwatch.StartNew();
            for (var i = 0; i < Runs && (i < 5 || spent.Elapsed < Budget); i++)
            {
                var watch = Stopwatch.StartNew();
                rows = (await store.QueryActionsAsync(query)).Count;
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            results.Add((filter, name, times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], rows));
        }

        var timing = Stopwatch.StartNew();
        foreach (var (filterName, filter) in Filters(end))
            foreach (var field in Enum.GetValues<ActionSortField>())
                foreach (var descending in new[] { true, false })
                {
                    var sort = $"{field} {(descending ? "desc" : "asc")}";
                    var first = filter with { Sort = field, Descending = descending, Limit = PageSize };
                    await TimeAsync(filterName, $"{filterName}, {sort}, first page", first);
                    // the cursor 5,000 rows deep (found once with an offset, not timed), then the keyset page after it
                    var deepName = $"{filterName}, {sort}, page 5,000 deep";
                    var deep = only is not null && !only.IsMatch(deepName) ? []
                        : await store.QueryActionsAsync(first with { Offset = 4_999, Limit = 1 });
                    if (deep.Count == 1) await TimeAsync(filterName, $"{filterName}, {sort}, page 5,000 deep", first with { AfterId = deep[0].Id });
                    if (filterName == "no filter" && (only is null || only.IsMatch($"{filterName}, {sort}, page {records / 2:N0} deep")))
                    {
                        var far = await store.QueryActionsAsync(first with { Offset = records / 2 - 1, Limit = 1 });
                        if (far.Count == 1) await TimeAsync(filterName, $"{filterName}, {sort}, page {records / 2:N0} deep", first with { AfterId = far[0].Id });
                    }
                }
        if (results.Count == 0) { Console.WriteLine("no query matches BENCH_QUERIES"); return; }
        await TimeAsync("old paging", "user asc, OFFSET 5000 (old paging, for comparison)",
            new ActionQuery { Sort = ActionSortField.User, Descending = false, Offset = 5000, Limit = PageSize });
        timing.Stop();

        var csv = Environment.GetEnvironmentVariable("BENCH_CSV") is { Length: > 0 } configured ? configured
            : Path.Combine(Path.GetTempPath(), $"store-history-{backend.ToLowerInvariant()}.csv");
        await File.WriteAllLinesAsync(csv, ["query,rows,p50_ms,p95_ms", .. results.Select(r => $"\"{r.Name}\",{r.Rows},{r.P50:F2},{r.P95:F2}")]);

        var p95s = results.Select(r => r.P95).Order().ToList();
        Console.WriteLine();
        Console.WriteLine($"{backend}, {records:N0} actions: {results.Count} queries in {timing.Elapsed.TotalSeconds:F0} s; p95 per query: " +
                          $"median {p95s[p95s.Count / 2]:F2} ms, worst {p95s[^1]:F2} ms; {results.Count(r => r.P95 >= 20)} at or over 20 ms; " +
                          (insertRate is { } rate ? $"inserts {rate:N0}/s (4 writers)" : "inserts not measured (kept data)"));
        Console.WriteLine($"| {backend} filter | queries | p50 median ms | p95 median ms | p95 worst ms | >= 20 ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var group in results.GroupBy(r => r.Filter))
        {
            var p50 = group.Select(r => r.P50).Order().ToList();
            var p95 = group.Select(r => r.P95).Order().ToList();
            Console.WriteLine($"| {group.Key} | {group.Count()} | {p50[p50.Count / 2]:F2} | {p95[p95.Count / 2]:F2} | {p95[^1]:F2} | {group.Count(r => r.P95 >= 20)} |");
        }
        Console.WriteLine("worst queries:");
        foreach (var r in results.OrderByDescending(r => r.P95).Take(12))
            Console.WriteLine($"  {r.Name,-52} rows {r.Rows,4}  p50 {r.P50,8:F2} ms  p95 {r.P95,8:F2} ms");
        Console.WriteLine($"every query: {csv}");
    }

    private static bool OnlyInsert => Environment.GetEnvironmentVariable("BENCH_ONLY_INSERT") == "1";

    // BENCH_ONLY_INSERT=1: what a lone writer (one operator) sees per insert, then stop before the queries.
    private static async Task InsertLatencyAsync(string backend, IStateStore store)
    {
        var random = new Random(99);
        var times = new List<double>();
        for (var i = 0; i < 2000; i++)
        {
            var watch = Stopwatch.StartNew();
            await store.AddActionAsync(Action(i, random));
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{backend}: 1 writer, {times.Count:N0} inserts: p50 {times[times.Count / 2]:F3} ms, " +
                          $"p95 {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:F3} ms");
    }

    private static Task SeedAsync(IStateStore store, int records)
    {
        const int writers = 4;
        return Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = w; i < records; i += writers)
                await store.AddActionAsync(Action(i, random));
        })));
    }

    private static ActionRecord Action(int i, Random random)
    {
        string[] users = ["alice", "bob", "carol", "dave", "erin"];
        string[] types = ["container.restart", "container.stop", "container.start", "stack.deploy", "command.run", "container.remove"];
        var start = Start.AddSeconds(i * 30 * 86400.0 / 100_000);
        var running = random.Next(100) == 0;
        return new ActionRecord
        {
            Start = start,
            End = running ? null : start.AddMilliseconds(random.Next(50, 600_000)),
            User = users[random.Next(users.Length)],
            Type = types[random.Next(types.Length)],
            Server = $"web-{random.Next(20):D2}",
            Stack = random.Next(4) == 0 ? null : $"stack-{random.Next(10)}",
            Target = $"container-{random.Next(200)}",
            Parameters = new Dictionary<string, string> { ["timeout"] = "10", ["password"] = "***" },
            Success = running ? null : random.Next(10) != 0,
            Output = new string('o', random.Next(0, 400)),
        };
    }
}
