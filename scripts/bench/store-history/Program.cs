// History query time on 100,000 actions, on both store backends.
// Usage: StoreHistoryBench [records] ; PostgreSQL from MONITOR_TEST_POSTGRES (default: the test database).
using System.Diagnostics;
using Monitor.Control.Store;
using Monitor.Control.Store.Postgres;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Models;
using Npgsql;

var records = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var pgConnection = Environment.GetEnvironmentVariable("MONITOR_TEST_POSTGRES") is { Length: > 0 } configured
    ? configured
    : "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor_test";

var directory = Directory.CreateTempSubdirectory("monitor-bench-");
var schema = "mt_bench_" + Guid.NewGuid().ToString("N")[..8];
try
{
    await using (var sqlite = new SqliteStateStore(Path.Combine(directory.FullName, "bench.db")))
        await BenchHistory.RunAsync("SQLite", sqlite, records);
    await using (var postgres = new PostgresStateStore(pgConnection, schema))
        await BenchHistory.RunAsync("PostgreSQL", postgres, records);
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

    private static readonly (string Name, ActionQuery Query)[] Queries =
    [
        ("latest 100 (start desc)", new ActionQuery()),
        ("server=web-07, latest 100", new ActionQuery { Server = "web-07" }),
        ("user=bob, latest 100", new ActionQuery { User = "bob" }),
        ("type+failed, latest 100", new ActionQuery { Type = "stack.deploy", Success = false }),
        ("last 6h window, latest 100", new ActionQuery { Since = Start.AddDays(30).AddHours(-6), Until = Start.AddDays(30) }),
        ("sort duration desc, 100", new ActionQuery { Sort = ActionSortField.Duration }),
        ("sort user asc, offset 5000", new ActionQuery { Sort = ActionSortField.User, Descending = false, Offset = 5000 }),
        ("stack=stack-3 sort target, 100", new ActionQuery { Stack = "stack-3", Sort = ActionSortField.Target, Descending = false }),
    ];

    public static async Task RunAsync(string backend, IStateStore store, int records)
    {
        await store.MigrateAsync();
        var seed = Stopwatch.StartNew();
        await SeedAsync(store, records);
        seed.Stop();
        Console.WriteLine($"{backend}: inserted {records:N0} actions in {seed.Elapsed.TotalSeconds:F1} s " +
                          $"({records / seed.Elapsed.TotalSeconds:N0}/s, 4 writers)");

        foreach (var (name, query) in Queries)
        {
            for (var i = 0; i < 3; i++) await store.QueryActionsAsync(query);
            var times = new List<double>();
            var rows = 0;
            for (var i = 0; i < 25; i++)
            {
                var watch = Stopwatch.StartNew();
                rows = (await store.QueryActionsAsync(query)).Count;
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"  {name,-30} rows {rows,4}  median {times[times.Count / 2],7:F2} ms  max {times[^1],7:F2} ms");
        }
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
