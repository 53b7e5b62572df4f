namespace Monitor.Agent.Apps;

/// <summary>The control group one app runs in: its limits, its processes and its usage.</summary>
internal interface IAppCgroup
{
    /// <summary>Where it lives (for app.show), e.g. "v1 memory,cpu,cpuacct,pids:/monitor-agent/web".</summary>
    string Description { get; }

    /// <summary>Creates the group(s) if needed and writes the limits (null = no limit).</summary>
    void Apply(long? memoryBytes, double? cpus);

    /// <summary>The cgroup.procs files a new process writes its PID to before it execs the app.</summary>
    IReadOnlyList<string> ProcsFiles { get; }

    IReadOnlyList<int> Pids();

    long? MemoryBytes();

    long? MemoryLimitBytes();

    /// <summary>CPU time used by all processes of the group, in nanoseconds.</summary>
    ulong? CpuNanos();

    /// <summary>How many times the kernel's OOM killer has killed a process of this group.</summary>
    int OomKills();

    /// <summary>Removes the (empty) group.</summary>
    void Remove();
}
