using System.Globalization;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.HostInfo;

/// <summary>Reads host figures from /proc and /sys (Linux). Each reader tolerates a missing file.</summary>
internal static class ProcReader
{
    private static readonly HashSet<string> PseudoFileSystems = new(StringComparer.Ordinal)
    {
        "proc", "sysfs", "cgroup", "cgroup2", "devpts", "devtmpfs", "tmpfs", "mqueue", "overlay", "securityfs", "debugfs",
        "tracefs", "pstore", "bpf", "autofs", "hugetlbfs", "configfs", "fusectl", "binfmt_misc", "nsfs", "squashfs", "ramfs", "rpc_pipefs",
    };

    /// <summary>(busy, total) jiffies over all CPUs from the first line of /proc/stat.</summary>
    public static (ulong Busy, ulong Total)? CpuTimes()
    {
        var line = ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null) return null;
        var v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(x => ulong.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        ulong total = 0; foreach (var x in v.Take(8)) total += x;
        var idle = v[3] + (v.Length > 4 ? v[4] : 0);
        return (total - idle, total);
    }

    public static (double, double, double) Load()
    {
        var parts = ReadText("/proc/loadavg").Split(' ');
        return parts.Length >= 3 ? (Parse(parts[0]), Parse(parts[1]), Parse(parts[2])) : (0, 0, 0);
    }

    public static Dictionary<string, long> MemInfo()
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in ReadLines("/proc/meminfo"))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var value = line[(colon + 1)..].Trim().Split(' ')[0];
            if (long.TryParse(value, out var kb)) result[line[..colon]] = kb * 1024;
        }
        return result;
    }

    public static List<DiskUsage> Disks()
    {
        var disks = new List<DiskUsage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in ReadLines("/proc/mounts"))
        {
            var p = line.Split(' ');
            if (p.Length < 3 || PseudoFileSystems.Contains(p[2]) || !seen.Add(p[1])) continue;
            try
            {
                var d = new DriveInfo(p[1]);
                if (d.TotalSize <= 0) continue;
                disks.Add(new DiskUsage(p[1], p[0], p[2], d.TotalSize, d.TotalSize - d.TotalFreeSpace, d.AvailableFreeSpace));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { }
        }
        return disks;
    }

    public static List<NetworkUsage> Networks() =>
        ReadLines("/proc/net/dev").Skip(2).Select(l => l.Split(':', 2)).Where(p => p.Length == 2).Select(p =>
        {
            var v = p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new NetworkUsage(p[0].Trim(), long.Parse(v[0], CultureInfo.InvariantCulture), long.Parse(v[8], CultureInfo.InvariantCulture));
        }).ToList();

    public static int ProcessCount() =>
        Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc").Count(d => Path.GetFileName(d).All(char.IsDigit)) : 0;

    public static List<TemperatureReading> Temperatures()
    {
        var result = new List<TemperatureReading>();
        foreach (var zone in Glob("/sys/class/thermal", "thermal_zone*"))
            if (ReadMilli(Path.Combine(zone, "temp")) is { } t)
                result.Add(new TemperatureReading(ReadText(Path.Combine(zone, "type")).Trim() is { Length: > 0 } n ? n : Path.GetFileName(zone), t));
        foreach (var hw in Glob("/sys/class/hwmon", "hwmon*"))
        {
            var name = ReadText(Path.Combine(hw, "name")).Trim();
            foreach (var input in Directory.EnumerateFiles(hw, "temp*_input"))
                if (ReadMilli(input) is { } t)
                    result.Add(new TemperatureReading($"{name}/{Path.GetFileName(input).Replace("_input", "", StringComparison.Ordinal)}", t));
        }
        return result;
    }

    public static double Uptime() => Parse(ReadText("/proc/uptime").Split(' ')[0]);

    private static IEnumerable<string> Glob(string dir, string pattern) =>
        Directory.Exists(dir) ? Directory.EnumerateFileSystemEntries(dir, pattern) : [];

    private static double? ReadMilli(string path) =>
        long.TryParse(ReadText(path).Trim(), out var milli) ? milli / 1000.0 : null;

    private static double Parse(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static string ReadText(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    private static string[] ReadLines(string path) => ReadText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
