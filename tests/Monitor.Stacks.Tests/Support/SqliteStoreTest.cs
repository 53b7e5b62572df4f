using Monitor.Control.Store.Sqlite;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Support;

/// <summary>Base of tests that need a real, migrated SQLite store of their own (in a temp directory).</summary>
public abstract class SqliteStoreTest : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    protected SqliteStateStore Store { get; private set; } = null!;
    protected string StorePath => _dir.File("monitor.db");

    public async Task InitializeAsync()
    {
        Store = new SqliteStateStore(StorePath);
        await Store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        _dir.Dispose();
    }
}
