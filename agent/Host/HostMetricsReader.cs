using System.Globalization;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Host;

/// <summary>Reads the host's metrics from /proc and /sys (Linux).</summary>
public sealed class HostMetricsReader(CpuSampler cpu)
{
    private static readonly HashSet<string> PseudoFileSystems = new(StringComparer.Ordinal)
    {
        "proc", "sysfs", "cgroup", "cgroup2", "overlay", "tmpfs", "devtmpfs", "devpts", "mqueue", "debugfs", "tracefs",
        "securityfs", "pstore", "bpf", "autofs", "hugetlbfs", "configfs", "fusectl", "binfmt_misc", "nsfs", "squashfs",
        "efivarfs", "rpc_pipefs", "ramfs", "fuse.lxcfs", "selinuxfs", "shm", "nfsd",
    };

    public HostMetrics Read() => new(
        DateTimeOffset.UtcNow,
        cpu.CpuPercent,
        Load(0), Load(1), Load(2),
        MemInfo("MemTotal"), MemInfo("MemTotal") - MemInfo("MemAvailable"), MemInfo("MemAvailable"),
        MemInfo("SwapTotal"), MemInfo("SwapTotal") - MemInfo("SwapFree"),
        Disks(), Networks(), ProcessCount(), Temperatures(), Uptime());

    private static string ReadOr(string path, string fallback)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return fallback; }
    }

    private static double Load(int index)
    {
        var parts = ReadOr("/proc/loadavg", "0 0 0").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > index && double.TryParse(parts[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    private static long MemInfo(string key)
    {
        foreach (var line in ReadOr("/proc/meminfo", "").Split('\n'))
        {
            if (!line.StartsWith(key + ":", StringComparison.Ordinal)) continue;
            var parts = line[(key.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length > 0 && long.TryParse(parts[0], out var kb) ? kb * 1024 : 0;
        }
        return 0;
    }

    /// <summary>One entry per real mount (first mount of each device), pseudo file systems skipped; "/" is always reported.</summary>
    private static IReadOnlyList<DiskUsage> Disks()
    {
        var disks = new List<DiskUsage>();
        var seenDevices = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in ReadOr("/proc/self/mounts", "").Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3) continue;
            var (device, mount, fs) = (parts[0], Unescape(parts[1]), parts[2]);
            var isRoot = mount == "/";
            if (!isRoot && (PseudoFileSystems.Contains(fs) || !device.StartsWith('/'))) continue;
            if (!isRoot && !seenDevices.Add(device)) continue;
            if (isRoot) seenDevices.Add(device);
            try
            {
                var drive = new DriveInfo(mount);
                if (drive.TotalSize <= 0) continue;
                disks.Add(new DiskUsage(mount, device, fs, drive.TotalSize, drive.TotalSize - drive.TotalFreeSpace, drive.AvailableFreeSpace));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { }
        }
        return disks.GroupBy(d => d.Mount).Select(g => g.Last()).ToList();
    }

    /// <summary>/proc/mounts writes spaces and tabs in mount points as octal escapes (\040).</summary>
    private static string Unescape(string path) =>
        path.Contains('\\') ? System.Text.RegularExpressions.Regex.Replace(path, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString()) : path;

    private static IReadOnlyList<NetworkUsage> Networks()
    {
        var result = new List<NetworkUsage>();
        foreach (var line in ReadOr("/proc/net/dev", "").Split('\n').Skip(2))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var name = line[..colon].Trim();
            if (name == "lo") continue;
            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 9) continue;
            result.Add(new NetworkUsage(name, long.TryParse(fields[0], out var rx) ? rx : 0, long.TryParse(fields[8], out var tx) ? tx : 0));
        }
        return result;
    }

    private static int ProcessCount()
    {
        try { return Directory.EnumerateDirectories("/proc").Count(d => Path.GetFileName(d).All(char.IsAsciiDigit)); }
        catch (IOException) { return 0; }
    }

    private static IReadOnlyList<TemperatureReading> Temperatures()
    {
        var readings = new List<TemperatureReading>();
        foreach (var zone in SafeDirectories("/sys/class/thermal", "thermal_zone*"))
        {
            if (ReadMilliCelsius(Path.Combine(zone, "temp")) is { } c)
                readings.Add(new TemperatureReading(ReadOr(Path.Combine(zone, "type"), Path.GetFileName(zone)).Trim(), c));
        }
        foreach (var hwmon in SafeDirectories("/sys/class/hwmon", "hwmon*"))
        {
            var chip = ReadOr(Path.Combine(hwmon, "name"), Path.GetFileName(hwmon)).Trim();
            foreach (var input in SafeFiles(hwmon, "temp*_input"))
            {
                if (ReadMilliCelsius(input) is not { } c) continue;
                var label = ReadOr(input.Replace("_input", "_label", StringComparison.Ordinal), Path.GetFileName(input).Replace("_input", "", StringComparison.Ordinal)).Trim();
                readings.Add(new TemperatureReading($"{chip}/{label}", c));
            }
        }
        return readings;
    }

    private static double? ReadMilliCelsius(string path) =>
        long.TryParse(ReadOr(path, "").Trim(), out var milli) ? milli / 1000.0 : null;

    private static IEnumerable<string> SafeDirectories(string path, string pattern)
    {
        try { return Directory.Exists(path) ? Directory.GetDirectories(path, pattern).Concat(Directory.GetFiles(path, pattern)).ToArray() : []; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    private static IEnumerable<string> SafeFiles(string path, string pattern)
    {
        try { return Directory.GetFiles(path, pattern); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    private static double Uptime()
    {
        var parts = ReadOr("/proc/uptime", "0").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }
}
