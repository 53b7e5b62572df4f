using System.Globalization;
using System.Text.Json;
using Monitor.Control.Store;
using Monitor.Shared.Models;

namespace Monitor.Control.Services;

/// <summary>Which process runs each action still open in the history (a document per action: host, pid, start time),
/// so that the next monitor process that records on the same host closes the ones a dead process left "running" as
/// <see cref="ActionOutcomes.Interrupted"/>.</summary>
public sealed class RunningActions(IStateStore store, ProcessIdentity self)
{
    public const string Collection = "running_actions";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = Monitor.Control.Composition.ConsoleJson.Resolver };
    private readonly SemaphoreSlim _sweep = new(1, 1);
    private bool _swept;

    public Task MarkAsync(long id, CancellationToken ct) =>
        store.PutDocumentAsync(Collection, Key(id), JsonSerializer.Serialize(self, Json), ct);

    public Task ClearAsync(long id) => store.DeleteDocumentAsync(Collection, Key(id), CancellationToken.None);

    /// <summary>Once per process, before its first record: closes the actions of dead processes on this host.</summary>
    public async Task SweepOnceAsync(CancellationToken ct)
    {
        if (_swept) return;
        await _sweep.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_swept) return;
            await CloseInterruptedAsync(ct).ConfigureAwait(false);
            _swept = true;
        }
        finally { _sweep.Release(); }
    }

    /// <summary>Closes every open action whose process on this host is gone; returns how many it closed.</summary>
    public async Task<int> CloseInterruptedAsync(CancellationToken ct)
    {
        var closed = 0;
        foreach (var (key, body) in await store.ListDocumentsAsync(Collection, ct).ConfigureAwait(false))
        {
            var holder = JsonSerializer.Deserialize<ProcessIdentity>(body, Json);
            if (holder is null || !holder.IsGoneFromThisHost()) continue;
            if (!await store.DeleteDocumentIfAsync(Collection, key, body, ct).ConfigureAwait(false)) continue; // another process closes it
            if (!long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) continue;
            if (await store.GetActionAsync(id, ct).ConfigureAwait(false) is not { Success: null } record) continue;
            var result = new Dictionary<string, string>(record.Result) { [ActionOutcomes.Key] = ActionOutcomes.Interrupted };
            await store.CompleteActionAsync(record with
            {
                End = DateTimeOffset.UtcNow, Success = false, Result = result,
                Error = $"interrupted: the monitor process that ran it ({holder}) ended before it finished",
            }, ct).ConfigureAwait(false);
            closed++;
        }
        return closed;
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
