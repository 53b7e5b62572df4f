using Monitor.Shared.Models;

namespace Monitor.Control.Store;

/// <summary>
/// Everything the console persists. Two real backends (SQLite, PostgreSQL) share one conformance suite.
/// Servers and the action history are typed tables; other state (stacks, builds, alerts...) are JSON documents
/// by collection and key, so new areas need no schema change.
/// Every backend: times come back in UTC, truncated to whole microseconds; strings sort by code point;
/// time ranges are half-open (since inclusive, until exclusive). Failures an operator must act on (store
/// unreachable, schema too new, unknown action) are <see cref="StateStoreException"/>s.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema. Idempotent; safe with several consoles at once.</summary>
    Task MigrateAsync(CancellationToken ct = default);

    Task<IReadOnlyList<ServerInfo>> ListServersAsync(CancellationToken ct = default);
    Task<ServerInfo?> GetServerAsync(string name, CancellationToken ct = default);
    /// <summary>Inserts or replaces a server by name; a server already stored keeps its original Added time.</summary>
    Task UpsertServerAsync(ServerInfo server, CancellationToken ct = default);
    Task<bool> RemoveServerAsync(string name, CancellationToken ct = default);

    /// <summary>Inserts a record (Id ignored) and returns its new id.</summary>
    Task<long> AddActionAsync(ActionRecord record, CancellationToken ct = default);
    /// <summary>Replaces the mutable fields (End, Success, Output, Error, Result) of record <c>record.Id</c>.</summary>
    Task CompleteActionAsync(ActionRecord record, CancellationToken ct = default);
    Task<ActionRecord?> GetActionAsync(long id, CancellationToken ct = default);
    /// <summary>Filters (all optional, combined with AND), then sorts by the field (Duration = End - Start),
    /// nulls last in both directions, ties broken by id in the same direction; then Offset/Limit.</summary>
    Task<IReadOnlyList<ActionRecord>> QueryActionsAsync(ActionQuery query, CancellationToken ct = default);

    /// <summary>Stores samples atomically; a sample for a server and time already stored is replaced.</summary>
    Task AddMetricSamplesAsync(IReadOnlyList<MetricSample> samples, CancellationToken ct = default);
    /// <summary>A server's samples with since &lt;= Time &lt; until, oldest first.</summary>
    Task<IReadOnlyList<MetricSample>> QueryMetricsAsync(string server, DateTimeOffset since, DateTimeOffset until, CancellationToken ct = default);

    /// <summary>Inserts or replaces a JSON document (text that is not JSON is refused with ArgumentException).
    /// Reads return equivalent JSON; whitespace and key order may differ (PostgreSQL stores jsonb).</summary>
    Task PutDocumentAsync(string collection, string key, string json, CancellationToken ct = default);
    /// <summary>Inserts a JSON document only if its key is free; false when another writer (another console, too)
    /// already holds it. The atomic claim behind build-version reservations.</summary>
    Task<bool> TryAddDocumentAsync(string collection, string key, string json, CancellationToken ct = default);
    Task<string?> GetDocumentAsync(string collection, string key, CancellationToken ct = default);
    /// <summary>The documents of a collection, ordered by key.</summary>
    Task<IReadOnlyList<KeyValuePair<string, string>>> ListDocumentsAsync(string collection, CancellationToken ct = default);
    Task<bool> DeleteDocumentAsync(string collection, string key, CancellationToken ct = default);
    /// <summary>Deletes the document only while it still holds <paramref name="expectedJson"/> (as read by
    /// GetDocumentAsync): a compare-and-delete, so taking over an expired lease cannot remove a fresh one.</summary>
    Task<bool> DeleteDocumentIfAsync(string collection, string key, string expectedJson, CancellationToken ct = default);
}
