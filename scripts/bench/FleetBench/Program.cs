// FleetBench: the real console (services, store, agent clients, MainWindow headless on the ANSI driver, 120x40)
// against a running fleet (tools/FleetSim). Prints one line of key=value figures:
//   online_ms   from start to every server online with metrics in the Servers pane
//   key_p50_ms / key_p99_ms / key_max_ms   keypress (j/k/PageDown in the Servers pane) to redrawn screen
//   key_cpu_p50_ms / key_cpu_p99_ms   UI-thread CPU per key; gc_during_keys, gc_pause_ms, ui_kb_per_key
//   rss_mb      console RSS after that;  dials   dials made (DialGate)
// With --watch-drop S: then waits up to S seconds for servers to go down and all to come back, printing
//   down_seen_ms (first drop seen), recovered_ms (all online again after the first drop), min_online
//   start_ms    process start to the moment the clock starts (runtime start, store open and sync)
//   first_online_ms / all_online_ms   first / every server online (TLS + key auth done); first_metrics_ms: first sample
//   online_cpu_ms   this process's CPU (all threads) from the clock's start to online_ms;
//   sim_cpu_ms      the simulator's CPU in the same span (with --sim-pid)
// usage: FleetBench CONFIG EXPECTED [--pin SHA256:...] [--idle SECONDS] [--watch-drop SECONDS] [--sim-pid PID]
using System.Diagnostics;
using System.Globalization;
using Monitor.Control.Agents;
using Monitor.Control.Composition;
using Monitor.Control.Tui;
using Monitor.Control.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

var config = args[0];
var expected = int.Parse(args[1], CultureInfo.InvariantCulture);
string? pin = null; double watchDrop = 0, idle = 0; int simPid = 0;
for (var i = 2; i < args.Length; i++)
{
    if (args[i] == "--pin") pin = args[++i];
    else if (args[i] == "--idle") idle = double.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--watch-drop") watchDrop = double.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--sim-pid") simPid = int.Parse(args[++i], CultureInfo.InvariantCulture);
}

Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
var clock = Stopwatch.StartNew();
await using var services = await MonitorServicesFactory.OpenAsync(config);
// The fleet's servers into the store (what `monitor sync` does), pinned to the simulator's certificate.
var stored = (await services.Store.ListServersAsync()).ToDictionary(s => s.Name);
foreach (var s in MonitorServicesFactory.LoadConfig(config).Servers)
    if (!stored.TryGetValue(s.Name, out var have) || have.Url != s.Url || have.TlsFingerprint != pin)
        await services.Store.UpsertServerAsync(new Monitor.Shared.Models.ServerInfo { Name = s.Name, Url = s.Url, TlsFingerprint = pin });
clock.Restart();
var startMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
var simAtStart = ProcessCpu.Milliseconds(simPid);

using IApplication app = Application.Create();
app.Init(DriverRegistry.Names.ANSI);
app.Driver!.SetScreenSize(120, 40);
using var window = new MainWindow(app, services, new TuiOptions());
var token = app.Begin(window);
window.StartTimers();
_ = window.RefreshAllAsync();

bool AllOnline() => window.Servers.Context.Online == expected && window.Servers.Context.List.Items.All(r => r.CpuPercent is not null);
void Pump() { app.TimedEvents?.RunTimers(); app.LayoutAndDraw(); }

double? firstOnline = null, allOnline = null, firstMetrics = null;
while (!AllOnline())
{
    Pump();
    var online = window.Servers.Context.Online;
    if (firstOnline is null && online > 0) firstOnline = clock.Elapsed.TotalMilliseconds;
    if (allOnline is null && online == expected) allOnline = clock.Elapsed.TotalMilliseconds;
    if (firstMetrics is null && window.Servers.Context.List.Items.Any(r => r.CpuPercent is not null)) firstMetrics = clock.Elapsed.TotalMilliseconds;
    if (clock.Elapsed > TimeSpan.FromSeconds(120)) { Console.Error.WriteLine($"FleetBench: only {window.Servers.Context.Online}/{expected} online after 120 s"); return 1; }
    Thread.Sleep(2);
}
var onlineMs = clock.Elapsed.TotalMilliseconds;
allOnline ??= onlineMs; firstOnline ??= onlineMs; firstMetrics ??= onlineMs;
var onlineCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalMilliseconds;
var simCpuMs = ProcessCpu.Milliseconds(simPid) - simAtStart;

var keys = new[] { Key.PageDown, new Key('j'), new Key('j'), Key.PageDown, new Key('k') };
var latencies = new List<double>();
var keyCpu = new List<double>();
var pauseBefore = GC.GetTotalPauseDuration();
var gcBefore = GC.CollectionCount(0);
var allocBefore = GC.GetAllocatedBytesForCurrentThread();
for (var i = 0; i < 400; i++)
{
    Pump(); // whatever arrived meanwhile is drawn first: the timing is the key's own
    var cpu = ThreadCpu.Milliseconds();
    var t = Stopwatch.GetTimestamp();
    app.InjectKey(i % 200 < 100 ? keys[i % keys.Length] : (i % 2 == 0 ? Key.PageUp : new Key('k')));
    app.LayoutAndDraw();
    latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    keyCpu.Add(ThreadCpu.Milliseconds() - cpu);
    Thread.Sleep(5);
}
var keyAlloc = (GC.GetAllocatedBytesForCurrentThread() - allocBefore) / 1024.0 / 400; // UI thread, keys and pumps
var keyPause = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
var keyGcs = GC.CollectionCount(0) - gcBefore;
latencies.Sort();
keyCpu.Sort();
static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
Process.GetCurrentProcess().Refresh();
var rss = Process.GetCurrentProcess().WorkingSet64 / 1048576.0;
// key_cpu_*: CPU time of the UI thread per key (what the key costs, whatever the machine's load);
// gc_*: collections and total GC pause while the 400 keys ran; ui_kb_per_key: UI-thread allocation per key + pump.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"online_ms={onlineMs:0} start_ms={startMs:0} first_online_ms={firstOnline:0} first_metrics_ms={firstMetrics:0} all_online_ms={allOnline:0} online_cpu_ms={onlineCpuMs:0} sim_cpu_ms={simCpuMs:0} key_p50_ms={P(latencies, 0.5):0.00} key_p99_ms={P(latencies, 0.99):0.00} key_max_ms={latencies[^1]:0.00} key_cpu_p50_ms={P(keyCpu, 0.5):0.00} key_cpu_p99_ms={P(keyCpu, 0.99):0.00} gc_during_keys={keyGcs} gc_pause_ms={keyPause:0} ui_kb_per_key={keyAlloc:0} rss_mb={rss:0} dials={DialGate.Shared.Dials}"));
Console.Out.Flush();

if (idle > 0)
{
    // The TUI open and idle: the script reads the CPU of this process and of the simulator meanwhile.
    Console.WriteLine("idle_start"); Console.Out.Flush();
    var idleClock = Stopwatch.StartNew();
    while (idleClock.Elapsed.TotalSeconds < idle) { Pump(); Thread.Sleep(20); }
    Console.WriteLine("idle_end"); Console.Out.Flush();
}

if (watchDrop > 0)
{
    var watch = Stopwatch.StartNew();
    double? down = null, back = null; var min = expected;
    var dialsAtStart = DialGate.Shared.Dials;
    while (watch.Elapsed.TotalSeconds < watchDrop)
    {
        Pump();
        var online = window.Servers.Context.Online;
        min = Math.Min(min, online);
        if (down is null && online < expected) down = watch.Elapsed.TotalMilliseconds;
        if (down is not null && online == expected) { back = watch.Elapsed.TotalMilliseconds; break; }
        Thread.Sleep(10);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"down_seen_ms={down:0} recovered_ms={back:0} min_online={min} dials_during={DialGate.Shared.Dials - dialsAtStart}"));
}
window.StopTimers();
app.End(token);
return 0;

/// <summary>CPU time of the calling thread (getrusage RUSAGE_THREAD): the key's own cost, apart from waiting for a core.</summary>
static class ThreadCpu
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct RUsage { public long UserSec, UserUsec, SysSec, SysUsec; public long M0, M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, M11, M12, M13; }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, out RUsage usage);

    public static double Milliseconds() =>
        GetRUsage(1, out var u) == 0 ? (u.UserSec + u.SysSec) * 1000.0 + (u.UserUsec + u.SysUsec) / 1000.0 : 0;
}

/// <summary>CPU time (user + system) of another process from /proc/PID/stat; 0 without a PID.</summary>
static class ProcessCpu
{
    public static double Milliseconds(int pid)
    {
        if (pid <= 0) return 0;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) ": field 3 onwards
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000.0 / 100; // USER_HZ is 100 on Linux
    }
}
