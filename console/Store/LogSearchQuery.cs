namespace Monitor.Control.Store;

/// <summary>A search over kept lines. <paramref name="Contains"/> is a case-insensitive substring (served by the full-text
/// index; null matches every line); <paramref name="Levels"/> null means any level; <paramref name="BeforeId"/> pages back
/// (only lines with a smaller id). Results come newest first.</summary>
public sealed record LogSearchQuery(
    string? Contains = null,
    string? Server = null,
    string? Stack = null,
    string? Source = null,
    IReadOnlyList<string>? Levels = null,
    DateTimeOffset? Since = null,
    long? BeforeId = null,
    int Limit = 100);
