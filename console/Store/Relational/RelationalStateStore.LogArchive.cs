using System.Data.Common;
using System.Text;

namespace Monitor.Control.Store.Relational;

// The kept logs (logsearch area) on both SQL backends. Only the text match differs: SQLite asks its FTS5 trigram table
// (log_lines_fts, LIKE served by the trigram index), PostgreSQL uses ILIKE, which its pg_trgm GIN index serves.
public abstract partial class RelationalStateStore : ILogArchive
{
    private const string LogColumns = "l.id, l.server, l.source, l.stack, l.at, l.level, l.stream, l.message";
    /// <summary>Per-line overhead (row header, ids, time, index entries) added to the text length in size estimates.</summary>
    private const int LogLineOverheadBytes = 64;

    private bool KeepsLogsInFts5 => this is Sqlite.SqliteStateStore;

    public async Task AppendLogLinesAsync(IReadOnlyList<KeptLogLine> lines, IReadOnlyList<LogCursor> cursors, CancellationToken ct = default)
    {
        if (lines.Count == 0 && cursors.Count == 0) return;
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await BeginWriteTransactionAsync(connection, ct).ConfigureAwait(false);
        var kept = StoredTime(DateTimeOffset.UtcNow);
        await InsertBatchAsync(connection, transaction, "log_lines",
        [
            ("server", l => l.Server), ("source", l => l.Source), ("stack", l => l.Stack), ("at", l => StoredTime(l.At)),
            ("level", l => l.Level), ("stream", l => l.Stream), ("message", l => l.Message), ("kept", _ => kept),
        ], null, lines, ct).ConfigureAwait(false);
        await using var cursor = Command(connection,
            "INSERT INTO log_cursors (server, source, position, updated) VALUES (@server, @source, @position, @updated) " +
            "ON CONFLICT (server, source) DO UPDATE SET position = excluded.position, updated = excluded.updated", transaction);
        foreach (var c in cursors)
        {
            cursor.Parameters.Clear();
            AddParameter(cursor, "@server", c.Server);
            AddParameter(cursor, "@source", c.Source);
            AddParameter(cursor, "@position", c.Position);
            AddTimeParameter(cursor, "@updated", DateTimeOffset.UtcNow);
            await cursor.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetLogCursorsAsync(string server, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT source, position FROM log_cursors WHERE server = @server");
        AddParameter(command, "@server", server);
        var rows = await ReadAllAsync(command, r => (r.GetString(0), r.GetString(1)), ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<KeptLogLine>> SearchLogLinesAsync(LogSearchQuery query, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, "");
        var where = new List<string>();
        var from = "log_lines l";
        var order = "l.id";
        if (query.Contains is { Length: > 0 } text)
        {
            var plain = text.IndexOfAny(['%', '_', '\\']) < 0;
            if (KeepsLogsInFts5 && plain)
            {
                // The trigram table answers LIKE '%text%' from its index (case-insensitive), rowids newest first.
                from = "log_lines_fts f JOIN log_lines l ON l.id = f.rowid";
                order = "f.rowid";
                where.Add("f.message LIKE @like");
                AddParameter(command, "@like", "%" + text + "%");
            }
            else
            {
                // PostgreSQL's pg_trgm index serves ILIKE; in SQLite an ESCAPE clause bypasses the trigram index (rare: text with % _ \\).
                where.Add(KeepsLogsInFts5 ? "l.message LIKE @like ESCAPE '\\'" : "l.message ILIKE @like ESCAPE '\\'");
                AddParameter(command, "@like", "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
            }
        }
        if (query.Server is { } server) { where.Add("l.server = @server"); AddParameter(command, "@server", server); }
        if (query.Stack is { } stack) { where.Add("l.stack = @stack"); AddParameter(command, "@stack", stack); }
        if (query.Source is { } source) { where.Add("l.source = @source"); AddParameter(command, "@source", source); }
        if (query.Since is { } since) { where.Add("l.at >= @since"); AddTimeParameter(command, "@since", since); }
        if (query.BeforeId is { } beforeId) { where.Add($"{order} < @before_id"); AddParameter(command, "@before_id", beforeId); }
        if (query.Levels is { } levels)
        {
            var names = new List<string>();
            for (var i = 0; i < levels.Count; i++) { names.Add($"@level{i}"); AddParameter(command, $"@level{i}", levels[i]); }
            where.Add(names.Count == 0 ? "1 = 0" : $"l.level IN ({string.Join(", ", names)})");
        }
        AddParameter(command, "@limit", Math.Max(0, query.Limit));
        command.CommandText = $"SELECT {LogColumns} FROM {from}" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
            $" ORDER BY {order} DESC LIMIT @limit";
        return await ReadAllAsync(command, ReadLogLine, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<KeptLogLine>> GetLogContextAsync(long id, int before, int after, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection,
            $"SELECT {LogColumns} FROM log_lines l WHERE l.id = @id");
        AddParameter(command, "@id", id);
        var hit = await ReadAllAsync(command, ReadLogLine, ct).ConfigureAwait(false);
        if (hit.Count == 0) return [];
        var line = hit[0];
        var result = new List<KeptLogLine>();
        foreach (var (op, dir, n) in new[] { ("<", "DESC", before), (">", "ASC", after) })
        {
            await using var around = Command(connection,
                $"SELECT {LogColumns} FROM log_lines l WHERE l.server = @server AND l.source = @source AND l.id {op} @id ORDER BY l.id {dir} LIMIT @n");
            AddParameter(around, "@server", line.Server);
            AddParameter(around, "@source", line.Source);
            AddParameter(around, "@id", id);
            AddParameter(around, "@n", Math.Max(0, n));
            var rows = await ReadAllAsync(around, ReadLogLine, ct).ConfigureAwait(false);
            if (op == "<") { result.AddRange(rows.Reverse()); result.Add(line); }
            else result.AddRange(rows);
        }
        return result;
    }

    public async Task<int> PruneLogLinesAsync(DateTimeOffset before, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, "DELETE FROM log_lines WHERE at < @before");
        AddTimeParameter(command, "@before", before);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<(long Lines, long Bytes)> GetLogArchiveSizeAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection,
            $"SELECT COUNT(*), COALESCE(SUM(length(message)), 0) FROM log_lines");
        var rows = await ReadAllAsync(command, r => (Convert.ToInt64(r.GetValue(0)), Convert.ToInt64(r.GetValue(1))), ct).ConfigureAwait(false);
        var (lines, text) = rows[0];
        return (lines, text + lines * LogLineOverheadBytes);
    }

    public async Task<int> PruneOldestLogLinesAsync(int count, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection,
            "DELETE FROM log_lines WHERE id IN (SELECT id FROM log_lines ORDER BY id LIMIT @n)");
        AddParameter(command, "@n", Math.Max(0, count));
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private KeptLogLine ReadLogLine(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), ReadTime(r, 4),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7));
}
