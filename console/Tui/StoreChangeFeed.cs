using Monitor.Control.Store;
using Monitor.Control.Tui.Views;

namespace Monitor.Control.Tui;

/// <summary>Refreshes the History, Servers and Stacks panes when the store reports a change (another console's
/// action, a server added elsewhere, a deploy by `monitor serve`...), within about a second and without polling the
/// tables. Changes that come in a burst refresh once.</summary>
public sealed class StoreChangeFeed : IDisposable
{
    /// <summary>Changes within this window after the first are folded into one refresh.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(150);
    private readonly CancellationTokenSource _stop = new();

    private StoreChangeFeed(MainWindow window, IStoreChanges changes) =>
        _ = Task.Run(() => RunAsync(window, changes, _stop.Token));

    /// <summary>Starts following the window's store; null when the store cannot report changes.</summary>
    public static StoreChangeFeed? Start(MainWindow window) =>
        window.Services.Store is IStoreChanges changes ? new StoreChangeFeed(window, changes) : null;

    private static async Task RunAsync(MainWindow window, IStoreChanges changes, CancellationToken ct)
    {
        var pending = 0;
        while (!ct.IsCancellationRequested)
        {
            try { await FollowAsync().ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or StateStoreException or System.Data.Common.DbException or IOException) { }
            // The store went away (PostgreSQL restarting): the refresh timer covers the gap; listen again shortly.
            try { await Task.Delay(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }

        async Task FollowAsync()
        {
            await foreach (var change in changes.WatchChangesAsync(ct).ConfigureAwait(false))
            {
                if (Interlocked.Exchange(ref pending, 1) == 1) continue;
                _ = Task.Run(async () =>
                {
                    await Task.Delay(Settle, ct).ConfigureAwait(false);
                    Volatile.Write(ref pending, 0);
                    await Task.WhenAll(window.History.RefreshAsync(ct), window.Servers.RefreshAsync(ct), window.Stacks.RefreshAsync(ct)).ConfigureAwait(false);
                }, ct).ContinueWith(t => _ = t.Exception, TaskScheduler.Default); // a failed refresh waits for the next change or the timer
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
