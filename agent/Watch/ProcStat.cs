namespace Monitor.Agent.Watch;

/// <summary>One process as /proc/PID/stat shows it: CPU ticks used so far, start time in ticks since boot, resident pages.</summary>
public readonly record struct ProcStat(int Pid, string Comm, long CpuTicks, long StartTicks, long RssPages)
{
    /// <summary>USER_HZ: the unit of the tick fields; 100 on every Linux architecture Monitor runs on (sysconf is not
    /// reachable from managed code without P/Invoke).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>Parses the line; the command name is in parentheses and may itself contain spaces and ')'.</summary>
    public static ProcStat? Parse(int pid, string line)
    {
        var open = line.IndexOf('(');
        var close = line.LastIndexOf(')');
        if (open < 0 || close < open) return null;
        var comm = line[(open + 1)..close];
        var fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state): utime = field 14, stime = 15, starttime = 22, rss = 24.
        if (fields.Length < 22) return null;
        if (!long.TryParse(fields[11], out var utime) || !long.TryParse(fields[12], out var stime) ||
            !long.TryParse(fields[19], out var start) || !long.TryParse(fields[21], out var rss)) return null;
        return new ProcStat(pid, comm, utime + stime, start, rss);
    }
}
