namespace Monitor.Control.Store;

/// <summary>Changes written to the shared state (actions, servers, documents) by any console on the same store —
/// another process on the same PostgreSQL or SQLite file, or this one — so faces refresh when something changed
/// instead of polling. PostgreSQL: LISTEN/NOTIFY fed by statement triggers; SQLite: <c>PRAGMA data_version</c>.</summary>
public interface IStoreChanges
{
    /// <summary>Yields once per change seen, until <paramref name="ct"/> is cancelled (then it ends quietly). One
    /// item may stand for several writes. The item names the table ("actions", "servers", "documents"), or "*"
    /// when the backend cannot tell which.</summary>
    IAsyncEnumerable<string> WatchChangesAsync(CancellationToken ct);
}
