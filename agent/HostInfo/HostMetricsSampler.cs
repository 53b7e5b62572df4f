using Monitor.Shared.Protocol;

namespace Monitor.Agent.HostInfo;

/// <summary>Samples CPU every second in the background so host.metrics answers at once with a fresh CPU%.</summary>
public sealed class HostMetricsSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private double _cpuPercent;

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    public double CpuPercent => Volatile.Read(ref _cpuPercent);

    public HostMetrics Read()
    {
        var mem = ProcReader.MemInfo();
        long Get(string k) => mem.GetValueOrDefault(k);
        var (l1, l5, l15) = ProcReader.Load();
        var total = Get("MemTotal");
        var available = Get("MemAvailable");
        return new HostMetrics(DateTimeOffset.UtcNow, CpuPercent, l1, l5, l15,
            total, total - available, available, Get("SwapTotal"), Get("SwapTotal") - Get("SwapFree"),
            ProcReader.Disks(), ProcReader.Networks(), ProcReader.ProcessCount(), ProcReader.Temperatures(), ProcReader.Uptime());
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        var previous = ProcReader.CpuTimes();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var now = ProcReader.CpuTimes();
                if (previous is { } p && now is { } n && n.Total > p.Total)
                    Volatile.Write(ref _cpuPercent, Math.Round(100.0 * (n.Busy - p.Busy) / (n.Total - p.Total), 1));
                previous = now;
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
