using System.Globalization;
using System.Runtime.InteropServices;

namespace Monitor.Agent.Hosting;

/// <summary>Gives the agent's idle memory back to the system (#13): a compacting collection that also decommits the
/// GC's free space (GCCollectionMode.Aggressive), then MADV_PAGEOUT over the process's file-backed mappings: the
/// clean pages of code and data only this process maps (its own executable, mostly start-up and last-request
/// code) are dropped from memory and read back from the file on next use. The kernel never pages out
/// pages other processes map too (shared libc stays), nor anonymous pages without swap; it is a hint, never a loss
/// of data. Linux 5.4+; elsewhere only the collection runs.</summary>
public static class MemoryTrim
{
    private const int MadvPageout = 21; // linux/mman.h
    private const int Einval = 22;
    private static volatile bool s_pageoutUnsupported;

    /// <summary>Runs one trim; returns the bytes of mappings advised (0 when page-out is unsupported).</summary>
    public static long Run()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return OperatingSystem.IsLinux() && !s_pageoutUnsupported ? PageOutFileMappings() : 0;
    }

    private static long PageOutFileMappings()
    {
        string[] lines;
        try { lines = File.ReadAllLines("/proc/self/maps"); }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
        long advised = 0;
        foreach (var line in lines)
        {
            if (!TryParseFileMapping(line, out var start, out var end)) continue;
            if (madvise((nint)start, (nuint)(end - start), MadvPageout) == 0) { advised += (long)(end - start); continue; }
            if (Marshal.GetLastPInvokeError() != Einval) continue;
            // EINVAL on the first mapping: a kernel before 5.4 (no MADV_PAGEOUT); later ones: a locked mapping.
            if (advised != 0) continue;
            s_pageoutUnsupported = true;
            return 0;
        }
        return advised;
    }

    /// <summary>A line of /proc/PID/maps ("start-end perms offset dev inode path") naming a file, readable and private
    /// (code, read-only data, the executable's type data; shared mappings are left alone). Pages written in a private
    /// mapping are anonymous: without swap the kernel keeps them, with swap they go where its own reclaim would put them.</summary>
    public static bool TryParseFileMapping(string line, out ulong start, out ulong end)
    {
        start = end = 0;
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 6 || !fields[5].StartsWith('/')) return false;
        var perms = fields[1];
        if (perms.Length < 4 || perms[0] != 'r' || perms[3] != 'p') return false;
        var dash = fields[0].IndexOf('-');
        return dash > 0
            && ulong.TryParse(fields[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out start)
            && ulong.TryParse(fields[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out end)
            && end > start;
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks for the whole agent
    private static extern int madvise(nint addr, nuint length, int advice);
#pragma warning restore SYSLIB1054
}
