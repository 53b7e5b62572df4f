using System.Globalization;

namespace Monitor.Agent.Apps;

/// <summary>cgroup v2 (unified): /sys/fs/cgroup/PARENT/APP with the memory, cpu and pids controllers enabled on the way down.</summary>
internal sealed class CgroupV2(string root, string relative) : IAppCgroup
{
    private string Dir => Path.Combine(root, relative);

    public string Description => $"v2:/{relative}";

    public IReadOnlyList<string> ProcsFiles => [Path.Combine(Dir, "cgroup.procs")];

    public void Apply(long? memoryBytes, double? cpus)
    {
        // Controllers must be enabled in every ancestor's subtree_control for the leaf to get their files.
        var current = root;
        foreach (var part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            TryWrite(Path.Combine(current, "cgroup.subtree_control"), "+memory +cpu +pids");
            current = Path.Combine(current, part);
            Directory.CreateDirectory(current);
        }
        CgroupFiles.Write(Path.Combine(Dir, "memory.max"), memoryBytes is { } m ? m.ToString(CultureInfo.InvariantCulture) : "max");
        TryWrite(Path.Combine(Dir, "memory.swap.max"), memoryBytes is null ? "max" : "0");
        CgroupFiles.Write(Path.Combine(Dir, "cpu.max"),
            cpus is { } c ? $"{Math.Max(1000, (long)(c * 100_000)).ToString(CultureInfo.InvariantCulture)} 100000" : "max 100000");
    }

    private static void TryWrite(string path, string value)
    {
        try { CgroupFiles.Write(path, value); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public IReadOnlyList<int> Pids() => CgroupFiles.Pids(ProcsFiles[0]);

    public long? MemoryBytes() => CgroupFiles.ReadLong(Path.Combine(Dir, "memory.current"));

    public long? MemoryLimitBytes() => CgroupFiles.ReadLong(Path.Combine(Dir, "memory.max"));

    public ulong? CpuNanos() => CgroupFiles.ReadKey(Path.Combine(Dir, "cpu.stat"), "usage_usec") is { } us ? (ulong)us * 1000 : null;

    public int OomKills() => (int)(CgroupFiles.ReadKey(Path.Combine(Dir, "memory.events"), "oom_kill") ?? 0);

    public void Remove() => CgroupFiles.RemoveDirectory(Dir);
}
