using System.Globalization;
using System.Runtime.InteropServices;
using Monitor.FleetSim;

// FleetSim: N simulated monitor-agents with M containers each in one process (see README "Fleet scale").
const string Usage = "usage: FleetSim --dir DIR [--servers N] [--containers M] [--base-port P] [--log-rate LINES_PER_S] [--latency-ms MS] " +
    "[--no-tls] [--old-watch] [--postgres CONN] [--drop N --drop-after S --drop-for S] [--stats]";
var options = new FleetOptions { Directory = "" };
int dropCount = 0; double dropAfter = 0, dropFor = 0; var stats = false;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
        double Num() => double.Parse(Next(), CultureInfo.InvariantCulture);
        switch (args[i])
        {
            case "--dir": options = options with { Directory = Next() }; break;
            case "--servers": options = options with { Servers = Int() }; break;
            case "--containers": options = options with { Containers = Int() }; break;
            case "--base-port": options = options with { BasePort = Int() }; break;
            case "--log-rate": options = options with { LogLinesPerSecond = Num() }; break;
            case "--latency-ms": options = options with { Latency = TimeSpan.FromMilliseconds(Num()) }; break;
            case "--no-tls": options = options with { Tls = false }; break;
            case "--old-watch": options = options with { HonourHostOnly = false }; break;
            case "--postgres": options = options with { Postgres = Next() }; break;
            case "--drop": dropCount = Int(); break;
            case "--drop-after": dropAfter = Num(); break;
            case "--drop-for": dropFor = Num(); break;
            case "--stats": stats = true; break;
            case "-h" or "--help": Console.WriteLine(Usage); return 0;
            default: throw new ArgumentException($"unknown argument '{args[i]}'");
        }
    }
    if (options.Directory.Length == 0) throw new ArgumentException("--dir is required");
    if (options.Servers is < 1 or > 5000) throw new ArgumentException("--servers must be 1..5000");
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"FleetSim: {e.Message}; {Usage}");
    return 2;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.TrySetResult(); });
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.TrySetResult(); });

await using var fleet = await FleetSimulator.StartAsync(options);
Console.WriteLine($"ready {fleet.Servers.Count} servers x {options.Containers} containers on 127.0.0.1:{fleet.Servers[0].Port}-{fleet.Servers[^1].Port}; " +
    $"config {fleet.Files.ConfigFile}; tls {fleet.TlsFingerprint ?? "off"}");

if (dropCount > 0)
    _ = Task.Run(async () =>
    {
        await Task.Delay(TimeSpan.FromSeconds(dropAfter));
        Console.WriteLine($"{Now()} drop {dropCount} servers for {dropFor:0.#} s");
        await fleet.DropAsync(dropCount, TimeSpan.FromSeconds(dropFor));
        Console.WriteLine($"{Now()} returned {dropCount} servers");
    });

if (stats)
    _ = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var last = fleet.Dials;
        while (await timer.WaitForNextTickAsync())
        {
            var dials = fleet.Dials;
            Console.WriteLine($"{Now()} dials/s {dials - last} sessions {fleet.OpenSessions}");
            last = dials;
        }
    });

// Commands on stdin, one a line: "drop N SECONDS" (benchmarks drop servers at the moment they choose).
_ = Task.Run(async () =>
{
    while (await Console.In.ReadLineAsync() is { } line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["drop", var n, var seconds] && int.TryParse(n, out var count) && double.TryParse(seconds, CultureInfo.InvariantCulture, out var s))
        {
            Console.WriteLine($"{Now()} drop {count} servers for {s:0.#} s");
            await fleet.DropAsync(count, TimeSpan.FromSeconds(s));
            Console.WriteLine($"{Now()} returned {count} servers");
        }
        else if (parts.Length > 0) Console.WriteLine($"unknown command '{line}'; use: drop N SECONDS");
    }
});

await stop.Task;
return 0;

static string Now() => DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
