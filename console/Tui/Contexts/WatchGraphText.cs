using System.Globalization;
using Monitor.Control.Watch;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Tui.Contexts;

/// <summary>The text of the graphs overlay: braille charts of a host (CPU %, memory %, load) or a container (CPU % of
/// a core, memory MB) over the chosen range, and a host's process checks. Pure: series in, lines out.</summary>
public static class WatchGraphText
{
    public const int ChartHeight = 4;

    public static IReadOnlyList<string> Lines(MetricSeries series, IReadOnlyList<ProcessState>? processes, string? processError, int width)
    {
        var slots = Slots(series);
        var lines = new List<string>();
        void Chart(string title, Func<Store.MetricPoint, double?> value, double floor, Func<double, string> format, bool percent)
        {
            var values = slots.Select(p => p is null ? null : value(p)).ToList();
            var max = percent ? 100 : BrailleChart.NiceMax(values, floor);
            lines.AddRange(BrailleChart.Titled(title, values, width, ChartHeight, 0, max, format));
            lines.Add("");
        }
        string Pct(double v) => BrailleChart.Number(v) + "%";
        if (series.Container is null)
        {
            Chart("CPU %", p => p.Cpu, 100, Pct, percent: true);
            Chart("Memory %", p => p.Memory, 100, Pct, percent: true);
            Chart("Load (1 min)", p => p.Load1, 1, BrailleChart.Number, percent: false);
        }
        else
        {
            Chart("CPU % of a core", p => p.Cpu, 100, Pct, percent: false);
            Chart("Memory MB", p => p.Memory / (1024 * 1024), 16, v => BrailleChart.Number(v) + "M", percent: false);
        }
        lines.Add($"{series.Points.Count} points, {Format.Duration(series.Step)} steps (history tier {series.Tier.Tier}), " +
                  $"{series.Since.UtcDateTime:yyyy-MM-dd HH:mm} – {series.Until.UtcDateTime:HH:mm} UTC");
        if (series.Container is null) lines.AddRange(Processes(processes, processError));
        return lines;
    }

    /// <summary>Process checks: name, alive/dead, PID, uptime, CPU, memory.</summary>
    public static IReadOnlyList<string> Processes(IReadOnlyList<ProcessState>? processes, string? error)
    {
        if (error is not null) return ["", $"Process checks: could not read them: {error}"];
        if (processes is null || processes.Count == 0) return ["", "Process checks: none configured for this server ([[watch.processes]] in monitor.toml)."];
        var lines = new List<string> { "", "Process checks:", $"  {"NAME",-16} {"STATE",-6} {"PID",7} {"UPTIME",8} {"CPU",6} {"MEM",8}" };
        foreach (var p in processes)
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {Cut(p.Name, 16),-16} {(p.Running ? "alive" : "DEAD"),-6} {p.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",7} " +
                $"{(p.UptimeSeconds is { } up ? Format.Duration(TimeSpan.FromSeconds(up)) : "-"),8} " +
                $"{(p.CpuPercent is { } cpu ? cpu.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-"),6} " +
                $"{(p.MemoryBytes is { } mem ? (mem / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + "M" : "-"),8}"));
        return lines;
    }

    /// <summary>One slot per step from since to until (null where there is no point), so gaps show as gaps.</summary>
    private static IReadOnlyList<Store.MetricPoint?> Slots(MetricSeries series)
    {
        if (series.Points.Count == 0) return [];
        var first = series.Points[0].At;
        var count = (int)Math.Clamp(Math.Ceiling((series.Until - first) / series.Step), 1, 2000);
        var slots = new Store.MetricPoint?[count];
        foreach (var p in series.Points)
        {
            var i = (int)((p.At - first) / series.Step);
            if (i >= 0 && i < count) slots[i] = p;
        }
        return slots;
    }

    private static string Cut(string s, int n) => s.Length > n ? s[..(n - 1)] + "…" : s;
}
