using System.Globalization;

namespace Monitor.Agent.Apps;

/// <summary>Reads what the agent needs about a process from /proc: its start time (clock ticks since boot, field 22 of
/// /proc/PID/stat), which with the PID identifies one process across PID reuse.</summary>
internal static class ProcFs
{
    /// <summary>The start ticks of a live (non-zombie) process, or null when there is none with that PID.</summary>
    public static ulong? StartTicks(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // comm (field 2) may hold spaces and parentheses: the fields after it start after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0) return null;
        var fields = stat[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state); field 22 is fields[19].
        if (fields.Length < 20 || fields[0] is "Z" or "X") return null;
        return ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    /// <summary>True when <paramref name="pid"/> is alive and is the process that started at <paramref name="startTicks"/>.</summary>
    public static bool IsSameProcess(int pid, ulong startTicks) => StartTicks(pid) == startTicks;
}
