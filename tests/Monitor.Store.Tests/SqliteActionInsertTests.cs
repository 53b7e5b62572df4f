using Microsoft.Data.Sqlite;
using Monitor.Control.Store.Relational;
using Monitor.Control.Store.Sqlite;
using Monitor.TestSupport;

namespace Monitor.Store.Tests;

public sealed class SqliteActionInsertTests : ActionInsertContract
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File("monitor.db");

    protected override Task PrepareAsync() => Task.CompletedTask;

    protected override RelationalStateStore CreateStore() => new SqliteStateStore(DatabasePath);

    protected override async Task<IAsyncDisposable> HoldActionWritesAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE"; // the file's write lock, until the connection closes (rolls back)
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    protected override Task CleanUpAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
