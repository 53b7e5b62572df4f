using System.Collections.Concurrent;
using Monitor.Control.LogSearch;
using Monitor.Control.Store;

namespace Monitor.Tui.Tests.Fakes;

/// <summary>Kept lines in memory: a search returns those containing the pattern (newest first), context the lines of
/// the same server and source around a hit. Records every request.</summary>
public sealed class FakeLogSearchService : ILogSearchService
{
    public List<KeptLogLine> Lines { get; } = [];
    public ConcurrentQueue<LogSearchRequest> Requests { get; } = new();

    public Task<LogSearchResult> SearchAsync(LogSearchRequest request, CancellationToken ct = default)
    {
        Requests.Enqueue(request);
        var hits = Lines.Where(l => l.Message.Contains(request.Pattern, StringComparison.OrdinalIgnoreCase) && (request.Server is null || l.Server == request.Server))
            .OrderByDescending(l => l.Id).Take(request.Limit).ToList();
        return Task.FromResult(new LogSearchResult(hits, false, request.Pattern, hits.Count, true));
    }

    public Task<IReadOnlyList<KeptLogLine>> ContextAsync(long id, int before = 20, int after = 20, CancellationToken ct = default)
    {
        var hit = Lines.Single(l => l.Id == id);
        var same = Lines.Where(l => l.Server == hit.Server && l.Source == hit.Source).OrderBy(l => l.Id).ToList();
        var i = same.IndexOf(hit);
        return Task.FromResult<IReadOnlyList<KeptLogLine>>(same.Skip(Math.Max(0, i - before)).Take(before + after + 1).ToList());
    }
}
