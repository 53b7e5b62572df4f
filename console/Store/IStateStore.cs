using Monitor.Shared.Models;

namespace Monitor.Control.Store;

/// <summary>
/// Everything the console persists. Two real backends (SQLite, PostgreSQL) share one conformance suite.
/// Servers and the action history are typed tables; other state (stacks, builds, alerts...) are JSON documents
/// by collection and key, so new areas need no schema change.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema. Idempotent; safe with several consoles at once.</summary>
    Task MigrateAsync(CancellationToken ct = default);

    Task<IReadOnlyList<ServerInfo>> ListServersAsync(CancellationToken ct = default);
    Task<ServerInfo?> GetServerAsync(string name, CancellationToken ct = default);
    Task UpsertServerAsync(ServerInfo server, CancellationToken ct = default);
    Task<bool> RemoveServerAsync(string name, CancellationToken ct = default);

    /// <summary>Inserts a record (Id ignored) and returns its new id.</summary>
    Task<long> AddActionAsync(ActionRecord record, CancellationToken ct = default);
    /// <summary>Replaces the mutable fields (End, Success, Output, Error, Result) of record <c>record.Id</c>.</summary>
    Task CompleteActionAsync(ActionRecord record, CancellationToken ct = default);
    Task<ActionRecord?> GetActionAsync(long id, CancellationToken ct = default);
    Task<IReadOnlyList<ActionRecord>> QueryActionsAsync(ActionQuery query, CancellationToken ct = default);

    Task AddMetricSamplesAsync(IReadOnlyList<MetricSample> samples, CancellationToken ct = default);
    Task<IReadOnlyList<MetricSample>> QueryMetricsAsync(string server, DateTimeOffset since, DateTimeOffset until, CancellationToken ct = default);

    Task PutDocumentAsync(string collection, string key, string json, CancellationToken ct = default);
    Task<string?> GetDocumentAsync(string collection, string key, CancellationToken ct = default);
    Task<IReadOnlyList<KeyValuePair<string, string>>> ListDocumentsAsync(string collection, CancellationToken ct = default);
    Task<bool> DeleteDocumentAsync(string collection, string key, CancellationToken ct = default);
}
