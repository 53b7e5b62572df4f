using System.Diagnostics;

namespace Monitor.Agent.Host;

/// <summary>The host's CPU use, read from /proc/stat on demand: each reading is the share of all CPUs busy since the
/// previous one (taken at least <see cref="MinInterval"/> before; a reading sooner repeats the last figure). No timer
/// or thread runs while nobody asks, so an idle agent does not wake up for it.</summary>
public sealed class CpuSampler
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);
    private readonly string _procStat;
    private readonly Lock _gate = new();
    private CpuTimes? _previous;
    private long _previousAt;
    private double _percent;

    public CpuSampler(string procStat = "/proc/stat")
    {
        _procStat = procStat;
        SampleOnce();
    }

    /// <summary>Share of all CPUs busy since the previous reading, 0..100.</summary>
    public double CpuPercent
    {
        get
        {
            lock (_gate)
            {
                if (Stopwatch.GetElapsedTime(_previousAt) >= MinInterval) SampleOnce();
                return _percent;
            }
        }
    }

    private void SampleOnce()
    {
        CpuTimes? now;
        try { now = CpuTimes.Parse(File.ReadAllText(_procStat)); }
        catch (IOException) { return; }
        if (now is null) return;
        if (_previous is { } before) _percent = CpuTimes.PercentBetween(before, now.Value);
        _previous = now;
        _previousAt = Stopwatch.GetTimestamp();
    }
}
