using System.Collections.Concurrent;
using Monitor.Control.Services;
using Monitor.Control.Store;

namespace Monitor.Control.Stacks;

/// <summary>One pull/build/deploy of a stack at a time: they share the stack's checkout on the build server. Within
/// this process (one instance, owned by the composition root) a semaphore orders them; across processes sharing the
/// store (other consoles, `monitor serve`) a <see cref="StackLease"/> does. A second one waits, and says so.</summary>
public sealed class StackLocks(IStateStore store, LeaseTiming? timing = null)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<StackExclusive> AcquireAsync(string stack, string user, IProgress<StackOutput> output, CancellationToken ct)
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
            var lease = await StackLease.AcquireAsync(store, stack, holder, output, ct, timing).ConfigureAwait(false);
            return new StackExclusive(gate, lease, ct);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }
}
