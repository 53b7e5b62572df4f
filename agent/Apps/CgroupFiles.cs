using System.Globalization;

namespace Monitor.Agent.Apps;

/// <summary>Small helpers over cgroup filesystem files: missing or unreadable files read as null.</summary>
internal static class CgroupFiles
{
    public static string? Read(string path)
    {
        try { return File.ReadAllText(path).Trim(); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public static long? ReadLong(string path) =>
        long.TryParse(Read(path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The value of "key N" in a flat keyed file (memory.events, memory.oom_control, cpu.stat).</summary>
    public static long? ReadKey(string path, string key)
    {
        var text = Read(path);
        if (text is null) return null;
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
        }
        return null;
    }

    public static void Write(string path, string value) => File.WriteAllText(path, value);

    public static IReadOnlyList<int> Pids(string procsFile)
    {
        var text = Read(procsFile);
        if (string.IsNullOrEmpty(text)) return [];
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0)
            .Where(p => p > 0).ToList();
    }

    /// <summary>rmdir of a cgroup directory (its files are virtual: Directory.Delete(recursive) would fail on them).</summary>
    public static void RemoveDirectory(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: false); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
