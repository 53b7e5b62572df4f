using System.Text.Json;
using Monitor.Control.Store;
using Monitor.Shared.Config;
using Monitor.Shared.Models;

namespace Monitor.Control.Stacks;

/// <summary>Stacks and builds as JSON documents in the store (collections "stacks" and "builds").</summary>
public sealed class StackDocuments(IStateStore store)
{
    public const string StacksCollection = "stacks";
    public const string BuildsCollection = "builds";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<StackConfig>> ListStacksAsync(CancellationToken ct)
    {
        var docs = await store.ListDocumentsAsync(StacksCollection, ct).ConfigureAwait(false);
        return docs.Select(d => JsonSerializer.Deserialize<StackConfig>(d.Value, Json)!).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<StackConfig?> GetStackAsync(string name, CancellationToken ct)
    {
        var json = await store.GetDocumentAsync(StacksCollection, name, ct).ConfigureAwait(false);
        return json is null ? null : JsonSerializer.Deserialize<StackConfig>(json, Json);
    }

    public Task PutStackAsync(StackConfig stack, CancellationToken ct) =>
        store.PutDocumentAsync(StacksCollection, stack.Name, JsonSerializer.Serialize(stack, Json), ct);

    public Task<bool> DeleteStackAsync(string name, CancellationToken ct) => store.DeleteDocumentAsync(StacksCollection, name, ct);

    public async Task<IReadOnlyList<BuildRecord>> ListBuildsAsync(string stack, CancellationToken ct)
    {
        var docs = await store.ListDocumentsAsync(BuildsCollection, ct).ConfigureAwait(false);
        return docs.Where(d => d.Key.StartsWith(stack + "/", StringComparison.Ordinal))
            .Select(d => JsonSerializer.Deserialize<BuildRecord>(d.Value, Json)!)
            .OrderBy(b => StackVersion.TryParse(b.Version, out var v) ? v : default)
            .ToList();
    }

    public Task PutBuildAsync(BuildRecord build, CancellationToken ct) =>
        store.PutDocumentAsync(BuildsCollection, $"{build.Stack}/{build.Version}", JsonSerializer.Serialize(build, Json), ct);
}
