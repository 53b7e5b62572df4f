namespace Monitor.Control.LogSearch;

/// <summary>`monitor logs search`: <paramref name="Pattern"/> is text (case-insensitive substring) or /regex/ (add i after
/// the closing slash to ignore case); <paramref name="Level"/> is the least level; <paramref name="Since"/> a duration
/// back from now ("1h") or an RFC 3339 time.</summary>
public sealed record LogSearchRequest(string Pattern, string? Server = null, string? Stack = null, string? Level = null, string? Since = null,
    int Limit = 100, long? BeforeId = null);
