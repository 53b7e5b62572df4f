using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Monitor.Control.Store.Relational;

// One bulk-insert path for the tables written in batches (kept logs, metric history) on both SQL backends.
public abstract partial class RelationalStateStore
{
    /// <summary>Rows per multi-row INSERT (PostgreSQL): 500 rows x 14 columns stays far below its 65,535 parameters.</summary>
    private const int RowsPerStatement = 500;

    /// <summary>SQLite: one prepared single-row statement re-bound per row is its fastest bulk insert (no SQL text to
    /// parse per batch); PostgreSQL: multi-row VALUES, one round trip per <see cref="RowsPerStatement"/> rows.</summary>
    protected virtual bool InsertsRowByRow => false;

    /// <summary>Inserts <paramref name="rows"/> into <paramref name="table"/> inside the caller's transaction.</summary>
    /// <param name="columns">Column names and how to read each from a row (already in the store's form: use
    /// <see cref="StoredTime"/> for times).</param>
    /// <param name="tail">Appended after the VALUES list (e.g. an ON CONFLICT clause), or null.</param>
    private async Task InsertBatchAsync<T>(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<(string Name, Func<T, object?> Value)> columns, string? tail, IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var head = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ";
        var suffix = tail is null ? "" : " " + tail;
        if (InsertsRowByRow)
        {
            await using var insert = Command(connection,
                head + "(" + string.Join(", ", columns.Select((_, c) => $"@c{c}")) + ")" + suffix, transaction);
            // Parameters made once and re-valued per row: the bulk-insert path Microsoft.Data.Sqlite documents.
            for (var c = 0; c < columns.Count; c++) AddParameter(insert, $"@c{c}", columns[c].Value(rows[0]));
            foreach (var row in rows)
            {
                for (var c = 0; c < columns.Count; c++) insert.Parameters[c].Value = columns[c].Value(row) ?? DBNull.Value;
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            return;
        }
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            var sql = new StringBuilder(head);
            await using var insert = Command(connection, "", transaction);
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@c{c}_{r}");
                    sql.Append(c == 0 ? name : ", " + name);
                    AddParameter(insert, name, columns[c].Value(rows[start + r]));
                }
                sql.Append(')');
            }
            insert.CommandText = sql.Append(suffix).ToString();
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>A time in the store's form (SQLite: Unix microseconds; PostgreSQL: timestamptz), or null.</summary>
    private object? StoredTime(DateTimeOffset? value) => value is { } time ? TimeValue(StoreTime.Normalize(time)) : null;
}
