using System.Globalization;

namespace Monitor.Agent.LogFiles;

/// <summary>Whether the process that wrote a header still runs: its PID exists (in the procfs of the file's root) and
/// it did not start after the header was written (a reused PID belongs to a process started later; a long-running
/// writer may open its log file long after it started).</summary>
internal static class WriterLiveness
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static bool IsAlive(string root, LogFileHeader header)
    {
        var procStat = $"{root}/proc/{header.Pid.ToString(CultureInfo.InvariantCulture)}/stat";
        string stat;
        try { stat = File.ReadAllText(procStat); }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 20 || fields[0] is "Z" or "X") return false;
        if (!DateTimeOffset.TryParse(header.Start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)) return true;
        var boot = BootTime(root);
        if (boot is null || !ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)) return true;
        var started = boot.Value.AddSeconds(ticks / TicksPerSecond);
        return (started - start).TotalSeconds < 5; // slack for the clock tick of /proc and the header's precision
    }

    private static DateTimeOffset? BootTime(string root)
    {
        try
        {
            foreach (var line in File.ReadLines($"{root}/proc/stat"))
                if (line.StartsWith("btime ", StringComparison.Ordinal))
                    return DateTimeOffset.FromUnixTimeSeconds(long.Parse(line[6..], CultureInfo.InvariantCulture));
        }
        catch (IOException) { }
        return null;
    }
}
