using System.Text.Json;
using Monitor.Control.Store;

namespace Monitor.Control.Webhooks;

/// <summary>Delivery ids already handled, kept in the store so a replay (a captured request sent again, or a host's
/// redelivery) triggers nothing, also across restarts of `monitor serve`. Keyed by provider and id, not by stack, so a
/// delivery signed for one stack cannot be replayed to another stack sharing the secret. Bounded: the oldest records
/// beyond <c>keep</c> are deleted every <c>pruneEvery</c> new deliveries and by <see cref="PruneAsync"/>.</summary>
public sealed class WebhookDeliveries(IStateStore store, int keep = 10_000, int pruneEvery = 500)
{
    public const string Collection = "webhook_deliveries";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = Monitor.Control.Composition.ConsoleJson.Resolver };
    // The claim itself is atomic in the store (also across serve processes sharing PostgreSQL); this lock only keeps
    // pruning from running twice at once in one process.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _sincePrune;

    public static string Key(string provider, string id) => $"{provider}:{id}";

    /// <summary>Records the delivery and returns true, or returns false when it was seen before (nothing recorded).</summary>
    public async Task<bool> TryRecordAsync(WebhookDeliveryRecord record, CancellationToken ct)
    {
        var key = Key(record.Provider, record.Id);
        if (!await store.TryAddDocumentAsync(Collection, key, JsonSerializer.Serialize(record, Json), ct).ConfigureAwait(false)) return false;
        if (Interlocked.Increment(ref _sincePrune) >= pruneEvery)
        {
            Interlocked.Exchange(ref _sincePrune, 0);
            await PruneAsync(ct).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Deletes the oldest records beyond the bound; returns how many went.</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try { return await PruneLockedAsync(ct).ConfigureAwait(false); }
        finally { _gate.Release(); }
    }

    public async Task<IReadOnlyList<WebhookDeliveryRecord>> ListAsync(CancellationToken ct)
    {
        var docs = await store.ListDocumentsAsync(Collection, ct).ConfigureAwait(false);
        return docs.Select(d => JsonSerializer.Deserialize<WebhookDeliveryRecord>(d.Value, Json)!).OrderBy(r => r.Time).ToList();
    }

    private async Task<int> PruneLockedAsync(CancellationToken ct)
    {
        var records = await ListAsync(ct).ConfigureAwait(false);
        var excess = records.Count - keep;
        foreach (var old in records.Take(Math.Max(0, excess)))
            await store.DeleteDocumentAsync(Collection, Key(old.Provider, old.Id), ct).ConfigureAwait(false);
        return Math.Max(0, excess);
    }
}
