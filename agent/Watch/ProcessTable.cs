using System.Globalization;

namespace Monitor.Agent.Watch;

/// <summary>A snapshot of every process of the host read from /proc, and the figures derived from two snapshots
/// (CPU in percent of one core, like top).</summary>
public sealed class ProcessTable
{
    private ProcessTable(IReadOnlyDictionary<int, ProcStat> processes, DateTimeOffset time, double uptime)
    {
        Processes = processes; Time = time; HostUptimeSeconds = uptime;
    }

    public IReadOnlyDictionary<int, ProcStat> Processes { get; }
    public DateTimeOffset Time { get; }
    public double HostUptimeSeconds { get; }

    public static ProcessTable Read(string proc = "/proc")
    {
        var processes = new Dictionary<int, ProcStat>();
        IEnumerable<string> dirs;
        try { dirs = Directory.EnumerateDirectories(proc).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { dirs = []; }
        foreach (var dir in dirs)
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (ReadText(Path.Combine(dir, "stat")) is { } line && ProcStat.Parse(pid, line) is { } stat) processes[pid] = stat;
        }
        var uptimeText = ReadText(Path.Combine(proc, "uptime")) ?? "0";
        var uptime = double.TryParse(uptimeText.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var u) ? u : 0;
        return new ProcessTable(processes, DateTimeOffset.UtcNow, uptime);
    }

    /// <summary>CPU of <paramref name="pid"/> between <paramref name="before"/> and this snapshot, percent of one core;
    /// null when the process was not in both (or is a different process with a reused PID).</summary>
    public double? CpuPercentSince(ProcessTable? before, int pid)
    {
        if (before is null || !Processes.TryGetValue(pid, out var now) || !before.Processes.TryGetValue(pid, out var then)) return null;
        if (then.StartTicks != now.StartTicks) return null;
        var seconds = (Time - before.Time).TotalSeconds;
        return seconds <= 0 ? null : Math.Max(0, (now.CpuTicks - then.CpuTicks) / ProcStat.TicksPerSecond / seconds * 100);
    }

    public double UptimeSeconds(ProcStat stat) => Math.Max(0, HostUptimeSeconds - stat.StartTicks / ProcStat.TicksPerSecond);

    public static long MemoryBytes(ProcStat stat) => stat.RssPages * Environment.SystemPageSize;

    /// <summary>The command line (arguments joined by spaces), or the name in brackets for kernel threads.</summary>
    public static string CommandLine(ProcStat stat, string proc = "/proc")
    {
        var raw = ReadText(Path.Combine(proc, stat.Pid.ToString(CultureInfo.InvariantCulture), "cmdline"));
        return string.IsNullOrEmpty(raw) ? $"[{stat.Comm}]" : raw.TrimEnd('\0').Replace('\0', ' ');
    }

    /// <summary>The basename of the program: the target of /proc/PID/exe, else argv[0].</summary>
    public static string? ExecutableName(int pid, string proc = "/proc")
    {
        var dir = Path.Combine(proc, pid.ToString(CultureInfo.InvariantCulture));
        try
        {
            if (new FileInfo(Path.Combine(dir, "exe")).LinkTarget is { } target) return Path.GetFileName(target.Replace(" (deleted)", "", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        var cmdline = ReadText(Path.Combine(dir, "cmdline"));
        if (string.IsNullOrEmpty(cmdline)) return null;
        var argv0 = cmdline.Split('\0')[0];
        return argv0.Length == 0 ? null : Path.GetFileName(argv0.Split(' ')[0]);
    }

    internal static string? ReadText(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
