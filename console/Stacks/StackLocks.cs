using System.Collections.Concurrent;
using Monitor.Control.Store;

namespace Monitor.Control.Stacks;

/// <summary>One pull/build/deploy of a stack at a time: they share the stack's checkout on the build server. Within
/// this process a semaphore orders them; across processes sharing the store (other consoles, `monitor serve`) a
/// <see cref="StackLease"/> does. A second one waits, and says so in its output.</summary>
public sealed class StackLocks
{
    public static StackLocks Shared { get; } = new();

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(IStateStore store, string stack, string user, IProgress<StackOutput> output, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(stack, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, ct).ConfigureAwait(false))
        {
            output.Report(new StackOutput("queue", null, "stdout", $"waiting: another pull, build or deploy of {stack} is running"));
            await gate.WaitAsync(ct).ConfigureAwait(false);
        }
        try
        {
            var holder = $"{user}@{Environment.MachineName} (pid {Environment.ProcessId})";
            return new Release(gate, await StackLease.AcquireAsync(store, stack, holder, output, ct).ConfigureAwait(false));
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private sealed class Release(SemaphoreSlim gate, StackLease lease) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            try { await lease.DisposeAsync().ConfigureAwait(false); }
            catch (System.Data.Common.DbException) { } // the store is unreachable: the lease expires on its own (StackLease.Ttl)
            finally { gate.Release(); }
        }
    }
}
