namespace Monitor.Control.Store;

/// <summary>The kept logs (`[logs]` in monitor.toml): lines shipped from agents, their per-source resume cursors, full-text
/// search and retention. Both SQL backends: SQLite indexes messages with FTS5 (trigram tokenizer), PostgreSQL with pg_trgm.</summary>
public interface ILogArchive
{
    /// <summary>Appends lines and moves their sources' cursors in ONE transaction: after a failure neither happened, so a
    /// shipper that resumes from the stored cursor neither loses nor repeats a line.</summary>
    Task AppendLogLinesAsync(IReadOnlyList<KeptLogLine> lines, IReadOnlyList<LogCursor> cursors, CancellationToken ct = default);

    /// <summary>The stored cursor of every source of a server (source → position).</summary>
    Task<IReadOnlyDictionary<string, string>> GetLogCursorsAsync(string server, CancellationToken ct = default);

    /// <summary>Lines matching the query, newest first.</summary>
    Task<IReadOnlyList<KeptLogLine>> SearchLogLinesAsync(LogSearchQuery query, CancellationToken ct = default);

    /// <summary>The line with this id and up to <paramref name="before"/>/<paramref name="after"/> lines of the same server
    /// and source around it, oldest first; empty when the line is gone.</summary>
    Task<IReadOnlyList<KeptLogLine>> GetLogContextAsync(long id, int before, int after, CancellationToken ct = default);

    /// <summary>Deletes lines older than <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneLogLinesAsync(DateTimeOffset before, CancellationToken ct = default);

    /// <summary>How many lines are kept and their estimated size in bytes (text plus a fixed per-line overhead).</summary>
    Task<(long Lines, long Bytes)> GetLogArchiveSizeAsync(CancellationToken ct = default);

    /// <summary>Deletes the <paramref name="count"/> oldest lines (size cap); returns how many.</summary>
    Task<int> PruneOldestLogLinesAsync(int count, CancellationToken ct = default);
}
