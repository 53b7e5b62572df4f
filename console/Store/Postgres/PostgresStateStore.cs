using System.Data.Common;
using System.Text.RegularExpressions;
using Monitor.Control.Store.Relational;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Control.Store.Postgres;

/// <summary>
/// The shared store for many consoles and jump hosts: one PostgreSQL database (optionally one schema of it).
/// Migrations run under an advisory lock, so any number of consoles may start at once.
/// </summary>
public sealed partial class PostgresStateStore : RelationalStateStore
{
    /// <summary>Advisory lock key for schema migrations ("monitor" in ASCII).</summary>
    private const long MigrationLockKey = 0x6D6F6E69746F72;
    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">Schema holding the tables, created if missing. Defaults to the first entry of the
    /// connection string's <c>Search Path</c>, else the database's default (public).</param>
    public PostgresStateStore(string connectionString, string? schema = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Schema = schema ?? builder.SearchPath?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (Schema is not null)
        {
            if (!SchemaName().IsMatch(Schema))
                throw new ArgumentException(
                    $"'{Schema}' is not a usable schema name: use letters, digits and underscores, not starting with a digit.",
                    nameof(schema));
            builder.SearchPath = Schema;
        }
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}" + (Schema is null ? "" : $" (schema {Schema})");
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>The schema holding the tables, or null for the database's default.</summary>
    public string? Schema { get; }

    public override string Description { get; }

    public override async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        // Read-only first: an up-to-date schema needs no transaction, advisory lock or DDL.
        if (await MigrationRunner.IsUpToDateAsync(connection, PostgresMigrations.All, ct).ConfigureAwait(false)) return;
        await using var transaction = await BeginWriteTransactionAsync(connection, ct).ConfigureAwait(false);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            // Held until commit: other consoles wait here, then find the schema up to date.
            command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
            command.Parameters.Add(new NpgsqlParameter("@key", MigrationLockKey));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            if (Schema is not null)
            {
                command.Parameters.Clear();
                command.CommandText = $"CREATE SCHEMA IF NOT EXISTS \"{Schema}\"";
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
        await MigrationRunner.ApplyPendingAsync(transaction, PostgresMigrations.CreateVersionTable, PostgresMigrations.All,
            TimeValue(StoreTime.Normalize(DateTimeOffset.UtcNow)), Description, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new StateStoreException(
                $"Cannot connect to the state store {Description}: {e.Message}. Check that PostgreSQL is running and " +
                "that the connection string's host, port, user, password and database are right.", e);
        }
    }

    protected override async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken ct) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(ct).ConfigureAwait(false);

    protected override object TimeValue(DateTimeOffset utc) => utc;

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal).ToUniversalTime();

    protected override void AddJsonParameter(DbCommand command, string name, string json) =>
        ((NpgsqlCommand)command).Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json });

    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex SchemaName();
}
