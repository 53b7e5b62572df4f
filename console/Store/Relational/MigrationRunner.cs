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
        RequireAscending(migrations);
        var connection = transaction.Connection!;

        await ExecuteAsync(connection, transaction, createVersionTableSql, ct).ConfigureAwait(false);
        var done = await ReadVersionsAsync(connection, transaction, ct).ConfigureAwait(false);
        var current = done.Count == 0 ? 0 : done.Max();
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (current > latest)
            throw new StateStoreException(
                $"The state store {storeDescription} has schema version {current}, but this monitor only knows " +
                $"versions up to {latest}. It was upgraded by a newer monitor; upgrade this monitor to use it.");

        var applied = 0;
        // Each area numbers its steps in its own range, so a step merged later may be lower than one already applied:
        // every step not yet recorded runs, in list order.
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

    /// <summary>Read-only check, outside any transaction and without the migration lock: whether every migration is
    /// recorded and nothing newer is. False also when the version table is missing or unreadable; the caller then takes
    /// the write path (lock, transaction, <see cref="ApplyPendingAsync"/>), which decides again under the lock.</summary>
    public static async Task<bool> IsUpToDateAsync(DbConnection connection, IReadOnlyList<StoreMigration> migrations, CancellationToken ct)
    {
        HashSet<int> done;
        try
        {
            done = await ReadVersionsAsync(connection, null, ct).ConfigureAwait(false);
        }
        catch (DbException)
        {
            return false; // no schema_version yet (a new store)
        }
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        return done.All(v => v <= latest) && migrations.All(m => done.Contains(m.Version));
    }

    private static void RequireAscending(IReadOnlyList<StoreMigration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            var previous = i == 0 ? 0 : migrations[i - 1].Version;
            if (migrations[i].Version <= previous)
                throw new InvalidOperationException(
                    $"Store migrations must have ascending versions from 1; position {i + 1} has version {migrations[i].Version} after {previous}.");
        }
    }

    private static async Task<HashSet<int>> ReadVersionsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
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
