using Monitor.Shared.Models;

namespace Monitor.Control.Services;

public interface IHistoryService
{
    Task<IReadOnlyList<ActionRecord>> QueryAsync(ActionQuery query, CancellationToken ct = default);
    Task<ActionRecord?> GetAsync(long id, CancellationToken ct = default);
}
