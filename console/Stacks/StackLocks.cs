using System.Collections.Concurrent;

namespace Monitor.Control.Stacks;

/// <summary>One pull/build/deploy of a stack at a time in this process: they share the stack's checkout on the build
/// server and its version numbers. A second one waits, and says so in its output.</summary>
public sealed class StackLocks
{
    public static StackLocks Shared { get; } = new();

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string stack, IProgress<StackOutput> output, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(stack, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, ct).ConfigureAwait(false))
        {
            output.Report(new StackOutput("queue", null, "stdout", $"waiting: another pull, build or deploy of {stack} is running"));
            await gate.WaitAsync(ct).ConfigureAwait(false);
        }
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;
        public void Dispose() { if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release(); }
    }
}
