using System.Globalization;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Watch;

/// <summary>Answers the process checks of a subscription: finds each named process by pidfile or executable name
/// (the oldest match, i.e. the parent of a forking server) and reports its PID, uptime, CPU since the last
/// sample and resident memory.</summary>
public sealed class ProcessChecker(IReadOnlyList<ProcessCheckSpec> specs, string proc = "/proc")
{
    private ProcessTable? _previous;

    public IReadOnlyList<ProcessState> Check()
    {
        if (specs.Count == 0) return [];
        var table = ProcessTable.Read(proc);
        var states = specs.Select(spec => Find(spec, table) is { } stat
            ? new ProcessState(spec.Name, true, stat.Pid, Math.Round(table.UptimeSeconds(stat), 1),
                table.CpuPercentSince(_previous, stat.Pid) is { } cpu ? Math.Round(cpu, 2) : null, ProcessTable.MemoryBytes(stat))
            : new ProcessState(spec.Name, false, null, null, null, null)).ToList();
        _previous = table;
        return states;
    }

    private ProcStat? Find(ProcessCheckSpec spec, ProcessTable table)
    {
        if (!string.IsNullOrEmpty(spec.PidFile))
        {
            var text = ProcessTable.ReadText(spec.PidFile)?.Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && table.Processes.TryGetValue(pid, out var byFile)
                ? byFile : null;
        }
        var executable = string.IsNullOrEmpty(spec.Executable) ? spec.Name : spec.Executable;
        // comm is cut to 15 characters by the kernel; compare the exe name for anything longer.
        return table.Processes.Values
            .Where(p => Matches(p, executable))
            .OrderBy(p => p.StartTicks).ThenBy(p => p.Pid)
            .Cast<ProcStat?>()
            .FirstOrDefault();
    }

    private bool Matches(ProcStat stat, string executable) =>
        executable.Length <= 15
            ? string.Equals(stat.Comm, executable, StringComparison.Ordinal)
            : executable.StartsWith(stat.Comm, StringComparison.Ordinal) &&
              string.Equals(ProcessTable.ExecutableName(stat.Pid, proc), executable, StringComparison.Ordinal);
}
