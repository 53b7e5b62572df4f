using Monitor.Control.Store;

namespace Monitor.Control.LogSearch;

/// <summary>Search over the kept logs, for the CLI and the TUI (which never touch the store themselves).</summary>
public interface ILogSearchService
{
    Task<LogSearchResult> SearchAsync(LogSearchRequest request, CancellationToken ct = default);

    /// <summary>The hit and the lines of its source around it, oldest first.</summary>
    Task<IReadOnlyList<KeptLogLine>> ContextAsync(long id, int before = 20, int after = 20, CancellationToken ct = default);
}
