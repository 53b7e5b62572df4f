namespace Monitor.Agent.Apps;

/// <summary>Where no writable cgroup filesystem exists: apps run without limits (app.show says so).</summary>
internal sealed class NoCgroup : IAppCgroup
{
    public string Description => "none (no writable cgroup filesystem: limits not applied)";
    public void Apply(long? memoryBytes, double? cpus) { }
    public IReadOnlyList<string> ProcsFiles => [];
    public IReadOnlyList<int> Pids() => [];
    public long? MemoryBytes() => null;
    public long? MemoryLimitBytes() => null;
    public ulong? CpuNanos() => null;
    public int OomKills() => 0;
    public void Remove() { }
}
