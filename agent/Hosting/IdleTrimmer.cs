using System.Runtime.CompilerServices;

namespace Monitor.Agent.Hosting;

/// <summary>Runs <see cref="MemoryTrim"/> when <see cref="IdleTrimSchedule"/> says so: after start-up and after each
/// burst of work, once quiet. One task waits on a signal (no periodic timer). Only the published (NativeAOT) agent
/// trims: in-process agents share the test host's heap. MONITOR_AGENT_IDLE_TRIM=0 turns it off.</summary>
public sealed class IdleTrimmer : IAsyncDisposable
{
    public static readonly TimeSpan DefaultQuiet = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultMinInterval = TimeSpan.FromSeconds(10);

    private readonly IdleTrimSchedule _schedule;
    private readonly Func<long> _trim;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly Task _loop;

    public IdleTrimmer(IdleTrimSchedule schedule, Func<long> trim)
    {
        _schedule = schedule; _trim = trim;
        lock (_lock) _schedule.Started(DateTimeOffset.UtcNow);
        _loop = Task.Run(LoopAsync);
    }

    private int _trims;

    /// <summary>Trims taken so far.</summary>
    public int Trims => Volatile.Read(ref _trims);

    /// <summary>The published agent's trimmer, or null (in-process, or turned off by MONITOR_AGENT_IDLE_TRIM=0).</summary>
    public static IdleTrimmer? StartIfEnabled()
    {
        if (RuntimeFeature.IsDynamicCodeSupported) return null;
        if (Environment.GetEnvironmentVariable("MONITOR_AGENT_IDLE_TRIM") == "0") return null;
        return new IdleTrimmer(new IdleTrimSchedule(DefaultQuiet, DefaultMinInterval), MemoryTrim.Run);
    }

    public void Begin()
    {
        lock (_lock) _schedule.Begin();
    }

    public void End()
    {
        lock (_lock) _schedule.End(DateTimeOffset.UtcNow);
        Signal();
    }

    private void Signal()
    {
        try { _changed.Release(); }
        catch (SemaphoreFullException) { } // already signalled
        catch (ObjectDisposedException) { } // stopping
    }

    private async Task LoopAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            DateTimeOffset? due;
            lock (_lock) due = _schedule.DueAt;
            try
            {
                if (due is null) await _changed.WaitAsync(ct).ConfigureAwait(false);
                else
                {
                    var wait = due.Value - DateTimeOffset.UtcNow;
                    if (wait > TimeSpan.Zero) await _changed.WaitAsync(wait, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) { return; }
            bool take;
            lock (_lock) take = _schedule.TryTake(DateTimeOffset.UtcNow);
            if (!take) continue;
            _trim();
            Interlocked.Increment(ref _trims);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _loop.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _stop.Dispose();
        _changed.Dispose();
    }
}
