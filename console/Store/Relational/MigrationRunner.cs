using System.Data.Common;

namespace Monitor.Control.Store.Relational;

/// <summary>
/// Applies the migrations a database has not seen yet, inside a transaction the caller opened while holding the
/// backend's migration lock, and records each in <c>schema_version</c>.
/// </summary>
internal static class MigrationRunner
{
    public static async Task<int> ApplyPendingAsync(
        DbTransaction transaction,
        string createVersionTableSql,
        IReadOnlyList<StoreMigration> migrations,
        object appliedAt,
        string storeDescription,
        CancellationToken ct)
    {
        RequireIncreasing(migrations);
        var connection = transaction.Connection!;

        await ExecuteAsync(connection, transaction, createVersionTableSql, ct).ConfigureAwait(false);
        var done = await ReadAppliedAsync(connection, transaction, ct).ConfigureAwait(false);
        var current = done.Count == 0 ? 0 : done.Max();
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (current > latest)
            throw new StateStoreException(
                $"The state store {storeDescription} has schema version {current}, but this monitor only knows " +
                $"versions up to {latest}. It was upgraded by a newer monitor; upgrade this monitor to use it.");

        var applied = 0;
        // Every step not yet recorded, not only those above the highest: areas number their steps in their own
        // ranges, so a lower step can arrive (merged later) after a higher one ran.
        foreach (var migration in migrations.Where(m => !done.Contains(m.Version)))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, ct).ConfigureAwait(false);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, name, applied) VALUES (@version, @name, @applied)";
            AddParameter(record, "@version", migration.Version);
            AddParameter(record, "@name", migration.Name);
            AddParameter(record, "@applied", appliedAt);
            await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            applied++;
        }
        return applied;
    }

    private static void RequireIncreasing(IReadOnlyList<StoreMigration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            // Areas own version ranges (core 3-9, perf 10-19, watch 20-39...): increasing, gaps allowed.
            if (migrations[i].Version <= (i == 0 ? 0 : migrations[i - 1].Version))
                throw new InvalidOperationException(
                    $"Store migrations must be listed in increasing version order; position {i + 1} has version {migrations[i].Version}.");
        }
    }

    private static async Task<HashSet<int>> ReadAppliedAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM schema_version";
        var versions = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) versions.Add(Convert.ToInt32(reader.GetValue(0)));
        return versions;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
