using System.Diagnostics;

namespace Monitor.Control.Services;

/// <summary>Which process on which host holds something (a running action, a stack lease), and whether that process
/// is still alive. The start time tells a reused pid from the original process.</summary>
public sealed record ProcessIdentity(string Host, int Pid, DateTimeOffset Started)
{
    public static ProcessIdentity Current { get; } = new(Environment.MachineName, Environment.ProcessId, StartOf(Process.GetCurrentProcess()));

    /// <summary>True when this identity is a process on this host that is gone (its pid is free or now another
    /// process's). Processes on other hosts are never judged dead here.</summary>
    public bool IsGoneFromThisHost()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal)) return false;
        if (Pid == Environment.ProcessId) return Started != Current.Started;
        try
        {
            using var process = Process.GetProcessById(Pid);
            return process.HasExited || StartOf(process) != Started;
        }
        catch (ArgumentException) { return true; } // no process with this pid
        catch (InvalidOperationException) { return true; }
        catch (System.ComponentModel.Win32Exception) { return true; } // exited while being looked at
    }

    public override string ToString() => $"{Host} pid {Pid}";

    /// <summary>Start time to the second (what survives a JSON round trip and /proc's clock-tick resolution).</summary>
    private static DateTimeOffset StartOf(Process process)
    {
        var t = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        return new DateTimeOffset(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
