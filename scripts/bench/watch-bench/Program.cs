// Watch figures (issue #10), medians of several runs:
//   history  — `monitor metrics`' query for 7 days of one server at 1-minute steps on SQLite and PostgreSQL, after a
//              bulk insert of 7 days of 1-minute points (the host and 20 containers); goal < 20 ms.
//   latency  — a container is killed → the webhook notification request arrives at a local HTTP receiver, through a
//              real agent, `monitor serve` (watcher, alert evaluator, dispatcher) and Docker, at interval 10 s and 2 s;
//              goal < one interval + 1 s. The agent and serve run inside this process (the same code paths as the
//              separate processes; no process start-up is on the measured path).
// Usage: WatchBench [history|latency|all] [runs]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Docker.DotNet.Models;
using Monitor.Control.Cli;
using Monitor.Control.Store;
using Monitor.Control.Store.Postgres;
using Monitor.Control.Store.Sqlite;
using Monitor.Control.Watch;
using Monitor.Shared.Config;
using Monitor.TestSupport;
using Npgsql;

var mode = args.Length > 0 ? args[0] : "all";
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
if (mode is "history" or "all") await History(runs > 0 ? runs : 21);
if (mode is "latency" or "all") { await Latency(10, runs > 0 ? runs : 5); await Latency(2, runs > 0 ? runs : 5); }
return 0;

static double Median(List<double> xs) { xs.Sort(); return xs.Count % 2 == 1 ? xs[xs.Count / 2] : (xs[xs.Count / 2 - 1] + xs[xs.Count / 2]) / 2; }

static async Task History(int runs)
{
    var postgres = Environment.GetEnvironmentVariable("MONITOR_TEST_POSTGRES") is { Length: > 0 } c ? c
        : "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor_test";
    var schema = "mt_watch_bench_" + Guid.NewGuid().ToString("N")[..8];
    using var dir = new TempDirectory();
    foreach (var (name, make) in new (string, Func<IStateStore>)[]
             {
                 ("sqlite", () => new SqliteStateStore(dir.File("bench.db"))),
                 ("postgres", () => new PostgresStateStore(postgres, schema)),
             }.Where(b => Environment.GetEnvironmentVariable("BENCH_BACKEND") is not { Length: > 0 } only || only == b.Item1))
    {
        await using var store = make();
        await store.MigrateAsync();
        var history = (IMetricHistoryStore)store;
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero) - TimeSpan.FromDays(7);
        var entities = new[] { MetricPoint.Host }.Concat(Enumerable.Range(1, 20).Select(i => $"app-{i}")).ToList();
        var insert = Stopwatch.StartNew();
        var batch = new List<MetricPoint>(5000);
        var random = new Random(7);
        var total = 0;
        for (var minute = 0; minute < 7 * 24 * 60; minute++)
            foreach (var e in entities)
            {
                var cpu = 20 + 15 * Math.Sin(minute / 90.0) + random.NextDouble() * 5;
                batch.Add(new MetricPoint("bench", 1, e, start.AddMinutes(minute), 6, cpu, cpu + 10, 55, 60, 40, 0.8, 45, 1000, 2000));
                if (batch.Count == batch.Capacity) { await history.AddMetricPointsAsync(batch); total += batch.Count; batch.Clear(); }
            }
        if (batch.Count > 0) { await history.AddMetricPointsAsync(batch); total += batch.Count; }
        insert.Stop();
        var service = new MetricHistoryService(history, HistoryPolicy.From(new WatchConfig()), TimeProvider.System);
        var times = new List<double>();
        var reads = new List<double>();
        var points = 0;
        for (var i = 0; i < runs + 3; i++)
        {
            var watch = Stopwatch.StartNew();
            var series = await service.QueryAsync("bench", null, TimeSpan.FromDays(7), TimeSpan.FromMinutes(1), CancellationToken.None);
            watch.Stop();
            points = series.Points.Count;
            var read = Stopwatch.StartNew();
            await history.QueryMetricPointsAsync("bench", 1, MetricPoint.Host, now - TimeSpan.FromDays(7), now);
            read.Stop();
            if (i >= 3) { times.Add(watch.Elapsed.TotalMilliseconds); reads.Add(read.Elapsed.TotalMilliseconds); } // 3 warm-up runs
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"history {name}: 7d of host at 1m = {points} points (of {total:N0} stored, inserted in {insert.Elapsed.TotalSeconds:0.0} s): median {Median(times):0.0} ms, max {times.Max():0.0} ms over {runs} runs (goal < 20 ms); the store's read alone: median {Median(reads):0.0} ms; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }
    await using var connection = new NpgsqlConnection(postgres);
    await connection.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
    await drop.ExecuteNonQueryAsync();
}

static async Task Latency(int interval, int runs)
{
    using var dir = new TempDirectory();
    var config = dir.File("monitor.toml");
    async Task<int> Cli(TextWriter? output, CancellationToken ct, params string[] a) =>
        await CliApp.RunAsync(["--config", config, .. a], output ?? TextWriter.Null, Console.Error, ct);
    if (await Cli(null, default, "init") != 0) throw new InvalidOperationException("monitor init failed");
    var port = FreePort.Next();
    using var listener = new HttpListener();
    listener.Prefixes.Add($"http://127.0.0.1:{port}/");
    listener.Start();
    var arrivals = System.Threading.Channels.Channel.CreateUnbounded<(long At, string Body)>();
    _ = Task.Run(async () =>
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); } catch (Exception) { return; }
            var at = Stopwatch.GetTimestamp();
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            context.Response.StatusCode = 204;
            context.Response.Close();
            await arrivals.Writer.WriteAsync((at, body));
        }
    });
    var docker = DockerCleanup.Client();
    var prefix = DockerCleanup.Prefix("watch");
    var container = $"{prefix}-bench";
    await docker.Containers.CreateContainerAsync(new CreateContainerParameters
    {
        Name = container, Image = TestImages.Busybox, Cmd = ["sleep", "3600"], StopTimeout = TimeSpan.FromSeconds(1),
        HostConfig = new HostConfig { NetworkMode = "none" },
    });
    await docker.Containers.StartContainerAsync(container, new ContainerStartParameters());
    await File.WriteAllTextAsync(dir.File("hook.secret"), "bench-webhook-secret\n");
    await File.WriteAllTextAsync(dir.File("hook.url"), $"http://127.0.0.1:{port}/hook\n");
    await File.AppendAllTextAsync(config, $$"""

        [webhook]
        secret_file = "hook.secret"

        [watch]
        interval = "{{interval}}s"

        [[watch.rules]]
        name = "bench-down"
        kind = "container_stopped"
        containers = ["{{container}}"]

        [[watch.channels]]
        name = "hook"
        type = "webhook"
        url_file = "hook.url"

        """);
    await using var agent = await TestAgent.StartAsync();
    await File.AppendAllTextAsync(agent.Config.AuthorizedKeys, File.ReadAllLines(dir.File("console_key.pem.pub"))[0] + "\n");
    if (await Cli(null, default, "server", "add", "local", "--url", agent.Url.ToString().TrimEnd('/')) != 0) throw new InvalidOperationException("server add failed");
    using var stop = new CancellationTokenSource();
    var serve = Task.Run(() => Cli(null, stop.Token, "serve", "--listen", $"127.0.0.1:{FreePort.Next()}"));
    var latencies = new List<double>();
    try
    {
        // Let the watcher connect and see the container running (two intervals).
        await Task.Delay(TimeSpan.FromSeconds(interval * 2 + 2));
        for (var run = 0; run < runs; run++)
        {
            await docker.Containers.KillContainerAsync(container, new ContainerKillParameters());
            var killed = Stopwatch.GetTimestamp();
            var (at, body) = await Next(arrivals.Reader, "\"firing\"", interval);
            latencies.Add(Stopwatch.GetElapsedTime(killed, at).TotalMilliseconds);
            await docker.Containers.StartContainerAsync(container, new ContainerStartParameters());
            await Next(arrivals.Reader, "\"resolved\"", interval);
            // A random phase for the next kill within the sampling interval.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(interval * 1000)));
        }
    }
    finally
    {
        await stop.CancelAsync();
        await serve;
        await DockerCleanup.RemoveAsync(docker, prefix);
        docker.Dispose();
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"latency interval {interval} s (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}): container killed → notification received: median {Median(latencies) / 1000:0.00} s, max {latencies.Max() / 1000:0.00} s over {runs} runs (goal < {interval + 1} s) [{string.Join(", ", latencies.Select(l => (l / 1000).ToString("0.00", CultureInfo.InvariantCulture)))}]"));
}

static async Task<(long, string)> Next(System.Threading.Channels.ChannelReader<(long At, string Body)> reader, string status, int interval)
{
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(interval * 6 + 30));
    while (true)
    {
        var item = await reader.ReadAsync(timeout.Token);
        if (item.Body.Contains(status, StringComparison.Ordinal)) return item;
    }
}
