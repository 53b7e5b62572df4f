using Monitor.Control.Store;
using Monitor.Shared.Models;

namespace Monitor.Control.Services;

public sealed class HistoryService(IStateStore store) : IHistoryService
{
    public Task<IReadOnlyList<ActionRecord>> QueryAsync(ActionQuery query, CancellationToken ct = default) => store.QueryActionsAsync(query, ct);

    public Task<ActionRecord?> GetAsync(long id, CancellationToken ct = default) => store.GetActionAsync(id, ct);
}
