namespace Monitor.Agent.Host;

/// <summary>The aggregate "cpu" line of /proc/stat: busy and total jiffies.</summary>
internal readonly record struct CpuTimes(ulong Busy, ulong Total)
{
    public static CpuTimes? Parse(string procStat)
    {
        foreach (var line in procStat.Split('\n'))
        {
            if (!line.StartsWith("cpu ", StringComparison.Ordinal)) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => ulong.TryParse(f, out var v) ? v : 0).ToArray();
            if (fields.Length < 4) return null;
            // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user/nice.
            var total = fields.Take(Math.Min(8, fields.Length)).Aggregate(0UL, (a, b) => a + b);
            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            return new CpuTimes(total - idle, total);
        }
        return null;
    }

    /// <summary>Share of all CPUs busy between two samples, 0..100.</summary>
    public static double PercentBetween(CpuTimes earlier, CpuTimes later)
    {
        var total = later.Total > earlier.Total ? later.Total - earlier.Total : 0;
        var busy = later.Busy > earlier.Busy ? later.Busy - earlier.Busy : 0;
        return total == 0 ? 0 : Math.Clamp(100.0 * busy / total, 0, 100);
    }
}
