using Monitor.Control.Store.Postgres;
using Monitor.Control.Store.Relational;
using Npgsql;

namespace Monitor.Store.Tests;

public sealed class PostgresActionInsertTests : ActionInsertContract
{
    private readonly string _schema = PostgresTestDatabase.NewSchemaName();
    private bool _reachable;

    protected override async Task PrepareAsync()
    {
        await PostgresTestDatabase.RequireReachableAsync();
        _reachable = true;
    }

    protected override RelationalStateStore CreateStore() => new PostgresStateStore(PostgresTestDatabase.ConnectionString, _schema);

    protected override async Task<IAsyncDisposable> HoldActionWritesAsync()
    {
        var connection = new NpgsqlConnection(PostgresTestDatabase.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        // SHARE mode conflicts with the ROW EXCLUSIVE an INSERT takes; held until the connection closes (rolls back).
        await using var lockTable = new NpgsqlCommand($"BEGIN; LOCK TABLE \"{_schema}\".actions IN SHARE MODE", connection);
        await lockTable.ExecuteNonQueryAsync();
        return connection;
    }

    protected override Task CleanUpAsync() =>
        _reachable ? PostgresTestDatabase.DropSchemaAsync(_schema) : Task.CompletedTask;
}
