namespace Monitor.Control.Agents;

/// <summary>Bounds how many agent connections (TCP + TLS + hello/auth) are being made at once across every client
/// of a process, so a console starting on 1,000 servers, or 500 servers coming back together, dials in waves of
/// <see cref="MaxConcurrent"/> instead of all at once. Counts dials so benchmarks can report the dial rate.</summary>
public sealed class DialGate(int maxConcurrent)
{
    private readonly SemaphoreSlim _slots = new(maxConcurrent, maxConcurrent);
    private long _dials;

    /// <summary>The process-wide gate every <see cref="AgentClientOptions"/> uses unless given another.</summary>
    public static DialGate Shared { get; } = new(64);

    public int MaxConcurrent => maxConcurrent;

    /// <summary>Dials started through this gate so far.</summary>
    public long Dials => Interlocked.Read(ref _dials);

    /// <summary>Waits for a free slot; dispose the result when the dial is done (connected or failed).</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        Interlocked.Increment(ref _dials);
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
