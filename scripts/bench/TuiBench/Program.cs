// TUI figures: keypress-to-redraw, log pane throughput under a 10,000 lines/s flood (no line dropped, input still
// answered), memory of a 100,000-line buffer. Baseline: the same lines appended one by one to a plain Terminal.Gui
// TextView ("naive append"). Runs headless (ANSI driver, DisableRealDriverIO=1) at 80x24.
using System.Diagnostics;
using Monitor.Control.Tui.Contexts;
using Monitor.Control.Tui.Views;
using Monitor.Shared.Protocol;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
var seconds = args.Length > 0 ? int.Parse(args[0]) : 5;
Console.WriteLine($"TUI bench ({Environment.ProcessorCount} cores, .NET {Environment.Version}), flood {seconds}s");

static LogLine MakeLine(long i) => new(DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ"), i % 10 == 0 ? "stderr" : "stdout",
    $"{i,8} GET /api/v1/orders/{i % 977} 200 1.{i % 1000:000}ms user-agent=curl/8.5 request-id={i:x8}");

static double Pct(List<double> xs, double p) { xs.Sort(); return xs[Math.Min(xs.Count - 1, (int)(p / 100 * xs.Count))]; }

// 1. Keypress-to-redraw on a list pane (Down moves the selection, then the screen is redrawn).
{
    using IApplication app = Application.Create();
    app.Init(DriverRegistry.Names.ANSI);
    app.Driver!.SetScreenSize(80, 24);
    var list = new ListContext<int>([new("ROW", 8, i => i.ToString()), new("TEXT", 0, i => $"container-{i} running")], i => i.ToString());
    list.SetItems(Enumerable.Range(0, 500).ToList());
    var view = new ListPaneView<int>(list) { Width = Dim.Fill(), Height = Dim.Fill(), Caption = "Bench", Active = true };
    var top = new KeyRunnable(k => { list.Move(k == Key.CursorDown ? 1 : -1); view.SetNeedsDraw(); });
    top.Add(view);
    var token = app.Begin(top);
    app.LayoutAndDraw(true);
    var times = new List<double>();
    for (var i = 0; i < 2000; i++)
    {
        var sw = Stopwatch.StartNew();
        app.InjectKey(i % 400 < 200 ? Key.CursorDown : Key.CursorUp);
        app.LayoutAndDraw();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    times.RemoveRange(0, 200);
    Console.WriteLine($"keypress-to-redraw (list pane, 80x24): median {Pct(times, 50):0.000} ms, p99 {Pct(times, 99):0.000} ms, max {times.Max():0.000} ms");
    app.End(token!);
}

// 2. Log pane: 10,000 lines/s arrive from a background producer; UI flushes every 50 ms and answers a key each tick.
{
    using IApplication app = Application.Create();
    app.Init(DriverRegistry.Names.ANSI);
    app.Driver!.SetScreenSize(80, 24);
    var log = new LogContext();
    var view = new LogPaneView(log) { Width = Dim.Fill(), Height = Dim.Fill(), Caption = "Logs" };
    var top = new KeyRunnable(_ => { log.ToggleWrap(); view.SetNeedsDraw(); });
    top.Add(view);
    var token = app.Begin(top);
    foreach (var (rate, label) in new[] { (10_000, "10,000 lines/s offered"), (0, "flood (as fast as produced)") })
    {
        log.Clear();
        var received0 = log.Received;
        var flushed0 = log.Flushed;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var producer = Task.Run(() =>
        {
            long i = 0;
            var sw = Stopwatch.StartNew();
            while (!stop.IsCancellationRequested)
            {
                if (rate > 0)
                {
                    var due = (long)(sw.Elapsed.TotalSeconds * rate);
                    if (i >= due) { Thread.Sleep(1); continue; }
                    var n = (int)Math.Min(due - i, 500);
                    var batch = new List<LogLine>(n);
                    for (var k = 0; k < n; k++) batch.Add(MakeLine(i++));
                    log.Enqueue("api", batch);
                }
                else
                {
                    var batch = new List<LogLine>(200);
                    for (var k = 0; k < 200; k++) batch.Add(MakeLine(i++));
                    log.Enqueue("api", batch);
                    if (log.PendingCount > 200_000) Thread.Yield();
                }
            }
        });
        var keyTimes = new List<double>();
        var tickTimes = new List<double>();
        var total = Stopwatch.StartNew();
        while (!producer.IsCompleted)
        {
            var tick = Stopwatch.StartNew();
            log.Flush(50_000);
            view.SetNeedsDraw();
            app.LayoutAndDraw();
            tickTimes.Add(tick.Elapsed.TotalMilliseconds);
            var key = Stopwatch.StartNew();
            app.InjectKey(Key.W);
            app.LayoutAndDraw();
            keyTimes.Add(key.Elapsed.TotalMilliseconds);
            var rest = 50 - (int)tick.ElapsedMilliseconds;
            if (rest > 0) Thread.Sleep(rest);
        }
        while (log.Flush(50_000) > 0) { }
        var elapsed = total.Elapsed.TotalSeconds;
        var received = log.Received - received0;
        var flushed = log.Flushed - flushed0;
        Console.WriteLine($"log pane, {label}: received {received:N0}, shown {flushed:N0} ({flushed / elapsed:N0} lines/s), dropped {received - flushed}, " +
                          $"flush+draw per 50ms tick median {Pct(tickTimes, 50):0.0} ms p99 {Pct(tickTimes, 99):0.0} ms, key answered median {Pct(keyTimes, 50):0.00} ms max {keyTimes.Max():0.00} ms");
    }
    app.End(token!);
}

// Baseline: the same lines appended one at a time to a plain TextView (Text += line), redrawn every 50 ms.
{
    using IApplication app = Application.Create();
    app.Init(DriverRegistry.Names.ANSI);
    app.Driver!.SetScreenSize(80, 24);
    var text = new TextView { Width = Dim.Fill(), Height = Dim.Fill(), ReadOnly = true };
    var top = new Runnable();
    top.Add(text);
    var token = app.Begin(top);
    var sw = Stopwatch.StartNew();
    var lastDraw = sw.Elapsed;
    long i = 0;
    var maxGap = 0.0;
    while (sw.Elapsed.TotalSeconds < Math.Min(seconds, 5))
    {
        var l = MakeLine(i++);
        text.Text += l.Text + "\n";
        if ((sw.Elapsed - lastDraw).TotalMilliseconds >= 50)
        {
            var gap = (sw.Elapsed - lastDraw).TotalMilliseconds;
            maxGap = Math.Max(maxGap, gap);
            text.MoveEnd();
            app.LayoutAndDraw();
            lastDraw = sw.Elapsed;
        }
    }
    Console.WriteLine($"baseline naive TextView append: {i / sw.Elapsed.TotalSeconds:N0} lines/s sustained (the UI thread is busy appending; longest gap between redraws {maxGap:0} ms)");
    app.End(token!);
}

// 3. Memory of a full 100,000-line buffer (lines as above, ~90 chars).
{
    GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
    var before = GC.GetTotalMemory(true);
    var log = new LogContext(100_000);
    for (var i = 0; i < 100_000; i += 1000)
        log.Enqueue("api", Enumerable.Range(i, 1000).Select(k => MakeLine(k)).ToList());
    log.Flush();
    var after = GC.GetTotalMemory(true);
    Console.WriteLine($"memory, 100,000-line buffer: {(after - before) / 1024.0 / 1024.0:0.0} MiB managed ({(after - before) / 100_000.0:0} bytes/line); process working set {Environment.WorkingSet / 1024 / 1024} MiB");
    GC.KeepAlive(log);
}

sealed class KeyRunnable(Action<Key> onKey) : Runnable
{
    protected override bool OnKeyDown(Key key) { onKey(key); return true; }
}
