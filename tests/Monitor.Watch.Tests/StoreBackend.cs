using Monitor.Control.Store;
using Monitor.Control.Store.Postgres;
using Monitor.Control.Store.Sqlite;
using Monitor.TestSupport;
using Npgsql;

namespace Monitor.Watch.Tests;

/// <summary>A fresh, migrated store on a real backend: SQLite in a temp directory or PostgreSQL in its own schema
/// (dropped at dispose). PostgreSQL from MONITOR_TEST_POSTGRES, else the local one scripts/setup.sh starts.</summary>
public sealed class StoreBackend : IAsyncDisposable
{
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor_test";
    private readonly TempDirectory _dir = new();
    private readonly List<IStateStore> _opened = [];

    private StoreBackend(string kind) { Kind = kind; }

    public string Kind { get; }
    public string Schema { get; } = "mt_watch_" + Guid.NewGuid().ToString("N")[..8];
    public static string PostgresConnection =>
        Environment.GetEnvironmentVariable("MONITOR_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultPostgres;
    public string SqlitePath => _dir.File("monitor.db");

    public static async Task<(StoreBackend Backend, IStateStore Store)> CreateAsync(string kind)
    {
        var backend = new StoreBackend(kind);
        return (backend, await backend.OpenAsync());
    }

    /// <summary>Another store instance on the same database (as a second serve process would have).</summary>
    public async Task<IStateStore> OpenAsync()
    {
        IStateStore store = Kind switch
        {
            "sqlite" => new SqliteStateStore(SqlitePath),
            "postgres" => new PostgresStateStore(PostgresConnection, Schema),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "sqlite or postgres"),
        };
        _opened.Add(store);
        await store.MigrateAsync();
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
        if (Kind == "postgres")
        {
            await using var connection = new NpgsqlConnection(PostgresConnection);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
        _dir.Dispose();
    }
}
