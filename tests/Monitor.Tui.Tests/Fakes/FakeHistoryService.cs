using System.Collections.Concurrent;
using Monitor.Control.Services;
using Monitor.Shared.Models;

namespace Monitor.Tui.Tests.Fakes;

/// <summary>An in-memory history that applies the query's filters and sort the way the store does.</summary>
public sealed class FakeHistoryService : IHistoryService
{
    public List<ActionRecord> Records { get; } = [];
    public ConcurrentQueue<ActionQuery> Queries { get; } = new();

    public Task<IReadOnlyList<ActionRecord>> QueryAsync(ActionQuery query, CancellationToken ct = default)
    {
        Queries.Enqueue(query);
        IEnumerable<ActionRecord> r;
        lock (Records) r = Records.ToList(); // tests add records while background loads run
        if (query.Server is not null) r = r.Where(x => x.Server == query.Server);
        if (query.Stack is not null) r = r.Where(x => x.Stack == query.Stack);
        if (query.Type is not null) r = r.Where(x => x.Type == query.Type);
        if (query.User is not null) r = r.Where(x => x.User == query.User);
        if (query.Success is not null) r = r.Where(x => x.Success == query.Success);
        Func<ActionRecord, IComparable?> key = query.Sort switch
        {
            ActionSortField.Type => x => x.Type,
            ActionSortField.User => x => x.User,
            ActionSortField.Server => x => x.Server,
            ActionSortField.Id => x => x.Id,
            _ => x => x.Start,
        };
        r = query.Descending ? r.OrderByDescending(key) : r.OrderBy(key);
        return Task.FromResult<IReadOnlyList<ActionRecord>>(r.Take(query.Limit).ToList());
    }

    public Task<ActionRecord?> GetAsync(long id, CancellationToken ct = default) =>
        Task.FromResult(Records.FirstOrDefault(r => r.Id == id));
}
