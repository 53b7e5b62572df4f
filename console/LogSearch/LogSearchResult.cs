using Monitor.Control.Store;

namespace Monitor.Control.LogSearch;

/// <summary>Hits, newest first. <paramref name="Complete"/> false when a regex search stopped after scanning its maximum
/// of candidate lines (narrow it with --since, --server or a longer literal part).</summary>
public sealed record LogSearchResult(IReadOnlyList<KeptLogLine> Lines, bool Regex, string? Narrowing, long Scanned, bool Complete);
