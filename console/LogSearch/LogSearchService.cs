using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.Control.Services;
using Monitor.Control.Store;
using Monitor.Shared.Config;

namespace Monitor.Control.LogSearch;

/// <summary>Searches the kept logs (CLI `monitor logs search` and the TUI's search view). Text goes straight to the
/// store's full-text index; a /regex/ is narrowed by its longest literal part through the index, then filtered here,
/// page by page, up to <see cref="MaxScanned"/> candidate lines.</summary>
public sealed class LogSearchService(IStateStore store, TimeProvider? clock = null) : ILogSearchService
{
    public const int MaxScanned = 200_000;
    private const int Page = 2000;
    private readonly ILogArchive _archive = store as ILogArchive ?? throw new OperationFailedException("this store keeps no logs", "config");

    public async Task<LogSearchResult> SearchAsync(LogSearchRequest request, CancellationToken ct = default)
    {
        if (request.Limit is < 1 or > 100_000) throw new OperationFailedException($"--limit must be between 1 and 100000 (got {request.Limit})", "usage");
        if (string.IsNullOrEmpty(request.Pattern)) throw new OperationFailedException("give the text to search for, or /regex/", "usage");
        IReadOnlyList<string>? levels;
        try { levels = request.Level is null ? null : LogLevels.AtLeast(request.Level); }
        catch (FormatException e) { throw new OperationFailedException($"--level: {e.Message}", "usage"); }
        var since = ParseSince(request.Since, clock ?? TimeProvider.System);
        var baseQuery = new LogSearchQuery(null, request.Server, request.Stack, null, levels, since, request.BeforeId, request.Limit);

        if (ParseRegex(request.Pattern) is not { } regex)
        {
            var lines = await _archive.SearchLogLinesAsync(baseQuery with { Contains = request.Pattern }, ct).ConfigureAwait(false);
            return new LogSearchResult(lines, false, request.Pattern, lines.Count, true);
        }

        var literal = RegexLiteral.Longest(regex.ToString());
        var hits = new List<KeptLogLine>();
        long scanned = 0;
        var query = baseQuery with { Contains = literal, Limit = Page };
        while (true)
        {
            var page = await _archive.SearchLogLinesAsync(query, ct).ConfigureAwait(false);
            scanned += page.Count;
            foreach (var line in page)
            {
                bool match;
                try { match = regex.IsMatch(line.Message); }
                catch (RegexMatchTimeoutException) { match = false; }
                if (match) { hits.Add(line); if (hits.Count == request.Limit) return new LogSearchResult(hits, true, literal, scanned, true); }
            }
            if (page.Count < Page) return new LogSearchResult(hits, true, literal, scanned, true);
            if (scanned >= MaxScanned) return new LogSearchResult(hits, true, literal, scanned, false);
            query = query with { BeforeId = page[^1].Id };
        }
    }

    public Task<IReadOnlyList<KeptLogLine>> ContextAsync(long id, int before = 20, int after = 20, CancellationToken ct = default) =>
        _archive.GetLogContextAsync(id, before, after, ct);

    /// <summary>A /regex/ (or /regex/i) pattern, else null (plain text).</summary>
    public static Regex? ParseRegex(string pattern)
    {
        if (pattern.Length < 2 || pattern[0] != '/') return null;
        var ignoreCase = pattern.EndsWith("/i", StringComparison.Ordinal) && pattern.Length >= 3;
        var end = ignoreCase ? pattern.Length - 2 : pattern.Length - 1;
        if (pattern[end] != '/' || end == 0) return null;
        try
        {
            return new Regex(pattern[1..end], (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant,
                TimeSpan.FromMilliseconds(250));
        }
        catch (ArgumentException e) { throw new OperationFailedException($"'{pattern}' is not a valid regular expression: {e.Message}", "usage"); }
    }

    private static DateTimeOffset? ParseSince(string? since, TimeProvider clock)
    {
        if (since is null) return null;
        if (DurationText.TryParse(since, out var back)) return clock.GetUtcNow() - back;
        if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        throw new OperationFailedException($"--since '{since}' is neither a duration (30m, 1h, 7d) nor a time (2026-12-01T10:00:00Z)", "usage");
    }
}
