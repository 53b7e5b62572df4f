// Search over N kept lines (default 10,000,000) on both store backends: the lines are bulk-inserted with SQL (INSERT ...
// SELECT over a generated series, through the same tables, indexes and triggers the keeper writes), then term queries of
// several selectivities run through ILogArchive.SearchLogLinesAsync exactly as `monitor logs search TERM` does
// (newest 100 hits). Prints p50/p95 per term and overall. PostgreSQL from MONITOR_TEST_POSTGRES (default: the test database).
// Usage: LogSearchBench [lines] [runs-per-term]     BENCH_BACKEND=sqlite|postgres for one backend.
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Monitor.Control.Store;
using Monitor.Control.Store.Postgres;
using Monitor.Control.Store.Sqlite;
using Npgsql;

if (args.Length > 0 && args[0] == "append")
{
    // The keeper's write path alone: AppendLogLinesAsync in batches of 5,000 into a fresh SQLite store.
    var dir = Directory.CreateTempSubdirectory("monitor-logbench-");
    await using var store = new SqliteStateStore(Path.Combine(dir.FullName, "append.db"));
    await store.MigrateAsync();
    var total = args.Length > 1 ? int.Parse(args[1]) : 50_000;
    var batch = Enumerable.Range(0, 5000).Select(i => new KeptLogLine(0, "bench", "flood", null, DateTimeOffset.UtcNow, "info", "stdout",
        $"GET /api/orders status=200 took 12ms request={i}")).ToList();
    var cpu = Environment.CpuUsage.TotalTime;
    var watch = Stopwatch.StartNew();
    for (var done = 0; done < total; done += batch.Count)
        await store.AppendLogLinesAsync(batch, [new LogCursor("bench", "flood", done.ToString())]);
    Console.WriteLine($"append: {total / watch.Elapsed.TotalSeconds:0} lines/s wall, {total / (Environment.CpuUsage.TotalTime - cpu).TotalSeconds:0} lines per CPU-second");
    dir.Delete(true);
    return;
}
var lines = args.Length > 0 ? long.Parse(args[0]) : 10_000_000;
var runs = args.Length > 1 ? int.Parse(args[1]) : 20;
var only = Environment.GetEnvironmentVariable("BENCH_BACKEND");
var pg = Environment.GetEnvironmentVariable("MONITOR_TEST_POSTGRES") is { Length: > 0 } configured
    ? configured : "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor_test";
// rare (1 in 100,000 lines), medium (1%), frequent (50%), absent
string[] terms = ["u04217", "upstream timeout", "/api/cart/", "GET", "no-such-term"];

var directory = Directory.CreateTempSubdirectory("monitor-logbench-");
var schema = "mt_logbench_" + Guid.NewGuid().ToString("N")[..8];
try
{
    if (only is null or "" or "sqlite")
    {
        var path = Path.Combine(directory.FullName, "bench.db");
        await using var store = new SqliteStateStore(path);
        await store.MigrateAsync();
        var load = Stopwatch.StartNew();
        await using (var c = new SqliteConnection($"Data Source={path};Default Timeout=600"))
        {
            await c.OpenAsync();
            for (long from = 0; from < lines; from += 1_000_000)
            {
                var to = Math.Min(lines, from + 1_000_000);
                await using var cmd = c.CreateCommand();
                cmd.CommandTimeout = 0;
                cmd.CommandText = $"""
                    BEGIN;
                    WITH RECURSIVE n(i) AS (SELECT {from} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {to})
                    INSERT INTO log_lines (server, source, stack, at, level, stream, message, kept)
                    SELECT 'srv-' || (i % 50), 'app-' || (i % 200), NULL, 1767225600000000 + i * 1000,
                      CASE WHEN i % 100 = 0 THEN 'error' WHEN i % 10 = 0 THEN 'warn' ELSE 'info' END, 'stdout',
                      printf('%s /api/%s/%d status=%d user=u%05d took %dms%s', CASE i % 2 WHEN 0 THEN 'GET' ELSE 'POST' END,
                        CASE i % 5 WHEN 0 THEN 'orders' WHEN 1 THEN 'cart' WHEN 2 THEN 'users' WHEN 3 THEN 'search' ELSE 'items' END,
                        i % 9973, CASE WHEN i % 100 = 0 THEN 500 WHEN i % 10 = 0 THEN 404 ELSE 200 END, (i * 7919) % 100000, (i * 31) % 1000,
                        CASE WHEN i % 100 = 0 THEN ' upstream timeout' ELSE '' END),
                      1767225600000000 + i * 1000
                    FROM n;
                    COMMIT;
                    """;
                await cmd.ExecuteNonQueryAsync();
                Console.Error.WriteLine($"sqlite: {to:N0} lines loaded ({load.Elapsed.TotalSeconds:0} s)");
            }
        }
        Console.WriteLine($"SQLite: loaded {lines:N0} lines in {load.Elapsed.TotalSeconds:0} s; file {new FileInfo(path).Length / 1e9:0.00} GB");
        await TimeAsync("SQLite", store);
    }
    if (only is null or "" or "postgres")
    {
        await using var store = new PostgresStateStore(pg, schema);
        await store.MigrateAsync();
        var load = Stopwatch.StartNew();
        await using (var c = new NpgsqlConnection(pg + $";Search Path={schema};Command Timeout=0"))
        {
            await c.OpenAsync();
            await Exec(c, "DROP INDEX ix_log_lines_message_trgm"); // built once after the load, as a bulk load does
            for (long from = 0; from < lines; from += 1_000_000)
            {
                var to = Math.Min(lines, from + 1_000_000) - 1;
                await Exec(c, $"""
                    INSERT INTO log_lines (server, source, stack, at, level, stream, message, kept)
                    SELECT 'srv-' || (i % 50), 'app-' || (i % 200), NULL, to_timestamp(1767225600 + i / 1000.0),
                      CASE WHEN i % 100 = 0 THEN 'error' WHEN i % 10 = 0 THEN 'warn' ELSE 'info' END, 'stdout',
                      (CASE i % 2 WHEN 0 THEN 'GET' ELSE 'POST' END) || ' /api/' ||
                        (CASE i % 5 WHEN 0 THEN 'orders' WHEN 1 THEN 'cart' WHEN 2 THEN 'users' WHEN 3 THEN 'search' ELSE 'items' END) || '/' ||
                        (i % 9973) || ' status=' || (CASE WHEN i % 100 = 0 THEN 500 WHEN i % 10 = 0 THEN 404 ELSE 200 END) ||
                        ' user=u' || lpad(((i * 7919) % 100000)::text, 5, '0') || ' took ' || ((i * 31) % 1000) || 'ms' ||
                        (CASE WHEN i % 100 = 0 THEN ' upstream timeout' ELSE '' END),
                      to_timestamp(1767225600 + i / 1000.0)
                    FROM generate_series({from}::bigint, {to}::bigint) AS i
                    """);
                Console.Error.WriteLine($"postgres: {to + 1:N0} lines loaded ({load.Elapsed.TotalSeconds:0} s)");
            }
            await Exec(c, "SET maintenance_work_mem = '512MB'");
            await Exec(c, "CREATE INDEX ix_log_lines_message_trgm ON log_lines USING gin (message public.gin_trgm_ops)");
            await Exec(c, "VACUUM ANALYZE log_lines");
        }
        Console.WriteLine($"PostgreSQL: loaded and indexed {lines:N0} lines in {load.Elapsed.TotalSeconds:0} s");
        await TimeAsync("PostgreSQL", store);
    }
}
finally
{
    directory.Delete(recursive: true);
    if (only is null or "" or "postgres")
    {
        await using var connection = new NpgsqlConnection(pg);
        await connection.OpenAsync();
        await Exec(connection, $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
    }
}

async Task TimeAsync(string name, ILogArchive archive)
{
    var all = new List<double>();
    foreach (var term in terms)
    {
        var times = new List<double>();
        var hits = 0;
        for (var run = 0; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            hits = (await archive.SearchLogLinesAsync(new LogSearchQuery(term, Limit: 100))).Count;
            if (run > 0) times.Add(watch.Elapsed.TotalMilliseconds); // run 0 warms the cache
        }
        all.AddRange(times);
        Console.WriteLine($"| {name,-10} | {term,-18} | {hits,5} | {Percentile(times, 50),8:0.0} | {Percentile(times, 95),8:0.0} |");
    }
    Console.WriteLine($"| {name,-10} | all terms          |       | {Percentile(all, 50),8:0.0} | {Percentile(all, 95),8:0.0} |");
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p / 100 * sorted.Count) - 1)];
}

static async Task Exec(NpgsqlConnection c, string sql)
{
    await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
    await cmd.ExecuteNonQueryAsync();
}
