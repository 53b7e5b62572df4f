using Microsoft.Data.Sqlite;

namespace Monitor.Control.Store.Sqlite;

/// <summary>
/// Planner statistics (<c>sqlite_stat1</c>) for the ordinary tables only, refreshed when a table has grown or shrunk a
/// lot since it was last analysed; checking is read-only, so a start against an up-to-date store writes nothing.
/// Hand-written instead of <c>PRAGMA optimize</c> because optimize also analyses FTS5 shadow tables
/// (<c>log_lines_fts_data</c>): analysed while they hold two rows, every later append scans the FTS index.
/// </summary>
internal static class SqliteStatistics
{
    /// <summary>Below this many rows the planner's defaults serve as well as statistics.</summary>
    private const long MinimumRows = 1_000;

    /// <summary>Re-analyse when the row estimate moved by this factor since the last analysis.</summary>
    private const double ChangeFactor = 4;

    /// <summary>Rows ANALYZE samples per index (SQLite's advice for quick, bounded analysis).</summary>
    private const int AnalysisLimit = 400;

    /// <summary>Analyses the ordinary rowid tables whose statistics are missing or stale and drops statistics of shadow
    /// tables (left by older versions' <c>PRAGMA optimize</c>). Writes only when there is something to do.</summary>
    /// <returns>Tables analysed (and shadow tables whose statistics were dropped).</returns>
    public static async Task<IReadOnlyList<string>> RefreshAsync(SqliteConnection connection, CancellationToken ct)
    {
        var hasStats = await ScalarAsync(connection,
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'", ct).ConfigureAwait(false) is > 0;
        var stale = new List<string>();
        foreach (var table in await OrdinaryTablesAsync(connection, ct).ConfigureAwait(false))
        {
            var rows = await ScalarAsync(connection, $"SELECT coalesce(max(rowid) - min(rowid) + 1, 0) FROM \"{table}\"", ct)
                .ConfigureAwait(false) ?? 0;
            var analysed = hasStats ? await AnalysedRowsAsync(connection, table, ct).ConfigureAwait(false) : null;
            if (IsStale(rows, analysed)) stale.Add(table);
        }
        var shadowed = hasStats ? await ShadowTablesWithStatisticsAsync(connection, ct).ConfigureAwait(false) : [];
        if (stale.Count == 0 && shadowed.Count == 0) return [];

        await using var command = connection.CreateCommand();
        var sql = new System.Text.StringBuilder($"PRAGMA analysis_limit = {AnalysisLimit};");
        foreach (var table in stale) sql.Append($" ANALYZE \"{table}\";");
        foreach (var table in shadowed) sql.Append($" DELETE FROM sqlite_stat1 WHERE tbl = '{table.Replace("'", "''")}';");
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        // FTS5 prepares its shadow-table statements once per connection (with the statistics it saw): retire the pool.
        if (shadowed.Count > 0) SqliteConnection.ClearPool(connection);
        return [.. stale, .. shadowed];
    }

    /// <summary>Never analysed and big enough to matter, or its size moved by <see cref="ChangeFactor"/> either way
    /// (small tables whose sizes move are left alone: the defaults serve them).</summary>
    internal static bool IsStale(long rows, long? analysed)
    {
        if (analysed is null) return rows >= MinimumRows;
        if (Math.Max(rows, analysed.Value) < MinimumRows) return false;
        double now = Math.Max(rows, 1), then = Math.Max(analysed.Value, 1);
        return now > then * ChangeFactor || now * ChangeFactor < then;
    }

    // type 'table' leaves out virtual tables and their shadow tables ('virtual', 'shadow'); wr = WITHOUT ROWID.
    private static Task<List<string>> OrdinaryTablesAsync(SqliteConnection connection, CancellationToken ct) =>
        NamesAsync(connection, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND wr = 0 " +
                               "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name", ct);

    private static Task<List<string>> ShadowTablesWithStatisticsAsync(SqliteConnection connection, CancellationToken ct) =>
        NamesAsync(connection, "SELECT DISTINCT tbl FROM sqlite_stat1 WHERE tbl IN " +
                               "(SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow') ORDER BY tbl", ct);

    private static async Task<List<string>> NamesAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>The row count recorded by the table's last analysis (first number of its sqlite_stat1 entry).</summary>
    private static async Task<long?> AnalysedRowsAsync(SqliteConnection connection, string table, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT stat FROM sqlite_stat1 WHERE tbl = @table LIMIT 1";
        command.Parameters.AddWithValue("@table", table);
        var stat = await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
        if (stat is null) return null;
        var first = stat.Split(' ', 2)[0];
        return long.TryParse(first, out var rows) ? rows : null;
    }

    private static async Task<long?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is { } value and not DBNull ? Convert.ToInt64(value) : null;
    }
}
