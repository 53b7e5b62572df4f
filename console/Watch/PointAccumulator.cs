using Monitor.Control.Store;

namespace Monitor.Control.Watch;

/// <summary>Sums one entity's samples within one step of a tier into a mean and a max.</summary>
internal sealed class PointAccumulator(string server, int tier, string entity, DateTimeOffset at)
{
    private int _n, _diskN, _loadN, _tempN;
    private double _cpu, _cpuMax, _memory, _memoryMax, _disk, _load, _temp, _rx, _tx;

    public DateTimeOffset At { get; } = at;

    public void Add(MetricPoint raw)
    {
        _n++;
        _cpu += raw.Cpu; _cpuMax = _n == 1 ? raw.CpuMax : Math.Max(_cpuMax, raw.CpuMax);
        _memory += raw.Memory; _memoryMax = _n == 1 ? raw.MemoryMax : Math.Max(_memoryMax, raw.MemoryMax);
        if (raw.Disk is { } d) { _disk += d; _diskN++; }
        if (raw.Load1 is { } l) { _load += l; _loadN++; }
        if (raw.Temperature is { } t) { _temp += t; _tempN++; }
        _rx += raw.NetRx; _tx += raw.NetTx;
    }

    public MetricPoint ToPoint() => new(server, tier, entity, At, _n,
        _cpu / _n, _cpuMax, _memory / _n, _memoryMax,
        _diskN == 0 ? null : _disk / _diskN, _loadN == 0 ? null : _load / _loadN, _tempN == 0 ? null : _temp / _tempN,
        _rx / _n, _tx / _n);
}
