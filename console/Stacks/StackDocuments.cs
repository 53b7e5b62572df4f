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
    /// <summary>Claimed version numbers ("STACK/VERSION"), one per build started, so that two builds of one stack —
    /// from this console or another sharing the store — never get the same version. A failed build leaves a gap.</summary>
    public const string VersionClaimsCollection = "build_versions";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = Monitor.Control.Composition.ConsoleJson.Resolver };

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

    /// <summary>Claims the next free MAJOR.MINOR.PATCH for <paramref name="stack"/> (atomically, in the store).</summary>
    public async Task<string> ClaimNextVersionAsync(string stack, string majorMinor, string commit, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var builds = await ListBuildsAsync(stack, ct).ConfigureAwait(false);
            var claims = await store.ListDocumentsAsync(VersionClaimsCollection, ct).ConfigureAwait(false);
            var taken = builds.Select(b => b.Version)
                .Concat(claims.Where(c => c.Key.StartsWith(stack + "/", StringComparison.Ordinal)).Select(c => c.Key[(stack.Length + 1)..]));
            var version = StackVersion.Next(majorMinor, taken).ToString();
            var claim = JsonSerializer.Serialize(new BuildClaim(stack, version, commit, DateTimeOffset.UtcNow), Json);
            if (await store.TryAddDocumentAsync(VersionClaimsCollection, $"{stack}/{version}", claim, ct).ConfigureAwait(false)) return version;
        }
        throw new InvalidOperationException($"could not claim a build version for stack {stack} after 100 attempts");
    }

    public Task PutBuildAsync(BuildRecord build, CancellationToken ct) =>
        store.PutDocumentAsync(BuildsCollection, $"{build.Stack}/{build.Version}", JsonSerializer.Serialize(build, Json), ct);

    /// <summary>version_claims/STACK/VERSION: who took a build version.</summary>
    internal sealed record BuildClaim(string Stack, string Version, string Commit, DateTimeOffset Time);
}
