using Monitor.Control.Services;
using Monitor.Control.Store;

namespace Monitor.Control.Stacks;

/// <summary>A held stack: <see cref="Token"/> is cancelled when the caller cancels or the lease is lost; use it for
/// the guarded work and run it through <see cref="RunAsync{T}"/> so a lost lease is reported as such.</summary>
public sealed class StackExclusive : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate;
    private readonly StackLease _lease;
    private readonly CancellationTokenSource _linked;
    private int _released;

    internal StackExclusive(SemaphoreSlim gate, StackLease lease, CancellationToken ct)
    {
        _gate = gate; _lease = lease;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>Runs the guarded work; when the lease is lost it stops with an OperationFailedException saying so.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work)
    {
        try { return await work(Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (_lease.Lost.IsCancellationRequested)
        {
            throw new OperationFailedException(_lease.LostReason ?? "lost the stack lease", "lease_lost");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        try { await _lease.DisposeAsync().ConfigureAwait(false); }
        catch (System.Data.Common.DbException) { } // the store is unreachable: the lease expires on its own (StackLease.Ttl)
        catch (StateStoreException) { }
        finally
        {
            _linked.Dispose();
            _gate.Release();
        }
    }
}
