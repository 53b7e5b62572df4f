using System.Globalization;

namespace Monitor.Agent.Apps;

/// <summary>cgroup v1: one directory per controller (memory, cpu, cpuacct, pids) under /sys/fs/cgroup/CONTROLLER/PARENT/APP.</summary>
internal sealed class CgroupV1(string root, string relative) : IAppCgroup
{
    private static readonly string[] Controllers = ["memory", "cpu", "cpuacct", "pids"];

    private string Dir(string controller) => Path.Combine(root, controller, relative);

    public string Description => $"v1 {string.Join(",", Available())}:/{relative}";

    private IEnumerable<string> Available() => Controllers.Where(c => Directory.Exists(Path.Combine(root, c)));

    public IReadOnlyList<string> ProcsFiles => Available().Select(c => Path.Combine(Dir(c), "cgroup.procs")).ToList();

    public void Apply(long? memoryBytes, double? cpus)
    {
        foreach (var c in Available()) Directory.CreateDirectory(Dir(c));
        if (Directory.Exists(Dir("memory")))
        {
            var limit = Path.Combine(Dir("memory"), "memory.limit_in_bytes");
            CgroupFiles.Write(limit, memoryBytes is { } m ? m.ToString(CultureInfo.InvariantCulture) : "-1");
        }
        if (Directory.Exists(Dir("cpu")))
        {
            var period = CgroupFiles.ReadLong(Path.Combine(Dir("cpu"), "cpu.cfs_period_us")) ?? 100_000;
            CgroupFiles.Write(Path.Combine(Dir("cpu"), "cpu.cfs_quota_us"),
                cpus is { } c ? Math.Max(1000, (long)(c * period)).ToString(CultureInfo.InvariantCulture) : "-1");
        }
    }

    public IReadOnlyList<int> Pids() =>
        ProcsFiles.SelectMany(CgroupFiles.Pids).Distinct().ToList();

    public long? MemoryBytes() => CgroupFiles.ReadLong(Path.Combine(Dir("memory"), "memory.usage_in_bytes"));

    public long? MemoryLimitBytes()
    {
        var limit = CgroupFiles.ReadLong(Path.Combine(Dir("memory"), "memory.limit_in_bytes"));
        // "no limit" reads as the largest page-aligned value.
        return limit is >= long.MaxValue / 2 ? null : limit;
    }

    public ulong? CpuNanos() => CgroupFiles.ReadLong(Path.Combine(Dir("cpuacct"), "cpuacct.usage")) is { } n ? (ulong)n : null;

    public int OomKills() => (int)(CgroupFiles.ReadKey(Path.Combine(Dir("memory"), "memory.oom_control"), "oom_kill") ?? 0);

    public void Remove()
    {
        foreach (var c in Available()) CgroupFiles.RemoveDirectory(Dir(c));
    }
}
