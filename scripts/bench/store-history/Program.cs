// History query time at up to a million actions, on both store backends.
// Usage: StoreHistoryBench [records] [api-records]
//   api-records (default 20,000) are inserted through IStateStore by 4 writers (the insert throughput figure); the rest
//   are copies of those made with INSERT ... SELECT (times shifted past the last one) so a million rows load in seconds.
// Then every query the History pane and `monitor history` can make is timed: each sort field both ways (first page,
// and a keyset page 5,000 rows deep), and every filter with every sort. Prints per-query p95 and the worst ones.
// PostgreSQL from MONITOR_TEST_POSTGRES (default: the test database).
using System.Data.Common;
using System.Diagnostics;
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

var directory = Directory.CreateTempSubdirectory("monitor-bench-");
var schema = "mt_bench_" + Guid.NewGuid().ToString("N")[..8];
var sqlitePath = Path.Combine(directory.FullName, "bench.db");
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

    private static readonly (string Name, ActionQuery Filter)[] Filters =
    [
        ("no filter", new ActionQuery()),
        ("server=web-07", new ActionQuery { Server = "web-07" }),
        ("user=bob", new ActionQuery { User = "bob" }),
        ("stack=stack-3", new ActionQuery { Stack = "stack-3" }),
        ("type+failed", new ActionQuery { Type = "stack.deploy", Success = false }),
        ("failed", new ActionQuery { Success = false }),
        ("6h window", new ActionQuery { Since = Start.AddDays(30).AddHours(-6), Until = Start.AddDays(30) }),
        ("server+user", new ActionQuery { Server = "web-03", User = "carol" }),
    ];

    public static async Task RunAsync(string backend, IStateStore store, int records, int apiRecords,
        Func<Task<DbConnection>> raw, string startedShift, string endedShift, Func<long, object> shiftValue, string? analyze)
    {
        await store.MigrateAsync();
        var seed = Stopwatch.StartNew();
        await SeedAsync(store, apiRecords);
        seed.Stop();
        Console.WriteLine($"{backend}: inserted {apiRecords:N0} actions through the store in {seed.Elapsed.TotalSeconds:F1} s " +
                          $"({apiRecords / seed.Elapsed.TotalSeconds:N0}/s, 4 writers)");
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
        // What a console does when it opens the store (SQLite: PRAGMA optimize refreshes planner statistics).
        await store.MigrateAsync();
        Console.WriteLine($"{backend}: copied up to {records:N0} actions in {copy.Elapsed.TotalSeconds:F1} s; timing queries ({Runs} runs each)");

        var results = new List<(string Name, double P50, double P95, int Rows)>();
        async Task TimeAsync(string name, ActionQuery query)
        {
            for (var i = 0; i < 2; i++) await store.QueryActionsAsync(query);
            var times = new List<double>();
            var rows = 0;
            for (var i = 0; i < Runs; i++)
            {
                var watch = Stopwatch.StartNew();
                rows = (await store.QueryActionsAsync(query)).Count;
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            results.Add((name, times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], rows));
        }

        foreach (var field in Enum.GetValues<ActionSortField>())
            foreach (var descending in new[] { true, false })
            {
                var sort = $"sort {field} {(descending ? "desc" : "asc")}";
                var first = new ActionQuery { Sort = field, Descending = descending };
                await TimeAsync($"{sort}, first page", first);
                // the cursor 5,000 rows deep (found once with an offset, not timed), then the keyset page after it
                var deep = await store.QueryActionsAsync(first with { Offset = 4_999, Limit = 1 });
                if (deep.Count == 1) await TimeAsync($"{sort}, keyset page 5,000 deep", first with { AfterId = deep[0].Id });
                foreach (var (filterName, filter) in Filters.Skip(1))
                    await TimeAsync($"{filterName}, {sort}", filter with { Sort = field, Descending = descending });
            }
        await TimeAsync("sort User asc, OFFSET 5000 (old paging)", new ActionQuery { Sort = ActionSortField.User, Descending = false, Offset = 5000 });

        var p95s = results.Select(r => r.P95).Order().ToList();
        Console.WriteLine($"{backend}: {results.Count} queries; p95 per query: median {p95s[p95s.Count / 2]:F2} ms, " +
                          $"worst {p95s[^1]:F2} ms; {results.Count(r => r.P95 >= 20)} at or over 20 ms");
        foreach (var r in results.OrderByDescending(r => r.P95).Take(12))
            Console.WriteLine($"  {r.Name,-48} rows {r.Rows,4}  p50 {r.P50,7:F2} ms  p95 {r.P95,7:F2} ms");
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
