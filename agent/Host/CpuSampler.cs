using Microsoft.Extensions.Logging;

namespace Monitor.Agent.Host;

/// <summary>Samples /proc/stat about once a second in the background so host.metrics answers at once with the CPU use
/// of the last interval.</summary>
public sealed class CpuSampler
{
    private readonly string _procStat;
    private CpuTimes? _previous;
    private double _percent;

    public CpuSampler(string procStat = "/proc/stat") => _procStat = procStat;

    /// <summary>Share of all CPUs busy during the last sample interval, 0..100.</summary>
    public double CpuPercent => Volatile.Read(ref _percent);

    public void Start(TimeSpan interval, ILogger logger, CancellationToken stopping)
    {
        SampleOnce();
        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false)) SampleOnce();
            }
            catch (OperationCanceledException) { }
            catch (Exception ex) { logger.LogError(ex, "CPU sampler stopped"); }
        }, CancellationToken.None);
    }

    public void SampleOnce()
    {
        CpuTimes? now;
        try { now = CpuTimes.Parse(File.ReadAllText(_procStat)); }
        catch (IOException) { return; }
        if (now is null) return;
        if (_previous is { } before) Volatile.Write(ref _percent, CpuTimes.PercentBetween(before, now.Value));
        _previous = now;
    }
}
