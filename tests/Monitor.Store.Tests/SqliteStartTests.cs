using Microsoft.Data.Sqlite;
using Monitor.Control.Store;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Models;
using Monitor.TestSupport;

namespace Monitor.Store.Tests;

/// <summary>Opening an up-to-date SQLite store is read-only (read verbs never write the file nor wait for the write
/// lock), and planner statistics cover the ordinary tables, never the FTS5 shadow tables.</summary>
public sealed class SqliteStartTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private string DatabasePath => _directory.File("monitor.db");

    [Fact]
    public async Task Opening_an_up_to_date_store_writes_nothing_and_takes_no_write_lock()
    {
        await using (var store = new SqliteStateStore(DatabasePath))
        {
            await store.MigrateAsync();
            await store.AddActionAsync(new ActionRecord { Start = SampleActions.T0, User = "alice", Type = "container.restart" });
        }
        var before = Snapshot();

        // Another process holds the write lock for the whole time (BEGIN IMMEDIATE, nothing written yet).
        await using var writer = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await writer.OpenAsync();
        await using var transaction = writer.BeginTransaction(deferred: false);

        await using (var store = new SqliteStateStore(DatabasePath))
        {
            await store.MigrateAsync();
            var records = await store.QueryActionsAsync(new ActionQuery());
            Assert.Equal("alice", Assert.Single(records).User);
        }
        await transaction.RollbackAsync();
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task A_store_behind_the_migrations_is_still_brought_up_to_date()
    {
        await using (var store = new SqliteStateStore(DatabasePath))
            await store.MigrateAsync();
        await RawAsync("DROP INDEX ix_actions_duration_cover; DELETE FROM schema_version WHERE version = 13");

        await using (var store = new SqliteStateStore(DatabasePath))
            await store.MigrateAsync();

        Assert.Equal(1L, await RawScalarAsync("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_actions_duration_cover'"));
        Assert.Equal((long)SqliteMigrations.All.Count, await RawScalarAsync("SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task Statistics_cover_grown_ordinary_tables_and_drop_those_of_fts_shadow_tables()
    {
        await using (var store = new SqliteStateStore(DatabasePath))
        {
            await store.MigrateAsync();
            await store.AppendLogLinesAsync(
                [new KeptLogLine(0, "web-01", "app", null, SampleActions.T0, null, "stdout", "GET /health 200")], []);
        }
        // What older versions' PRAGMA optimize left: statistics of the FTS5 shadow tables taken while nearly empty.
        await RawAsync("ANALYZE log_lines_fts_data; ANALYZE log_lines_fts_idx;");
        // A history that grew to 5,000 actions since the store was last opened.
        await RawAsync("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) " +
                       "INSERT INTO actions (started, user_name, type, parameters, output, result) SELECT i, 'u' || (i % 5), 'container.restart', '{}', '', '{}' FROM n");

        await using (var store = new SqliteStateStore(DatabasePath))
            await store.MigrateAsync();

        Assert.Equal(0L, await RawScalarAsync("SELECT count(*) FROM sqlite_stat1 WHERE tbl LIKE 'log\\_lines\\_fts%' ESCAPE '\\'"));
        Assert.Equal("5000", ((string)(await RawScalarAsync("SELECT stat FROM sqlite_stat1 WHERE tbl = 'actions' LIMIT 1"))!).Split(' ')[0]);

        // Statistics now fit: the next start writes nothing.
        var before = Snapshot();
        await using (var store = new SqliteStateStore(DatabasePath))
            await store.MigrateAsync();
        Assert.Equal(before, Snapshot());
        Assert.Equal(0L, await RawScalarAsync("SELECT count(*) FROM sqlite_stat1 WHERE tbl LIKE 'log\\_lines\\_fts%' ESCAPE '\\'"));
    }

    [Theory]
    [InlineData(10, null, false)]          // small and never analysed: the planner's defaults serve
    [InlineData(5_000, null, true)]        // big and never analysed
    [InlineData(5_000, 4_000L, false)]     // grew a little
    [InlineData(1_000_000, 20_000L, true)] // grew 50x
    [InlineData(900, 5L, false)]           // grew a lot but still small
    [InlineData(1_000, 100_000L, true)]    // shrank 100x
    public void Statistics_are_refreshed_only_when_a_big_table_moved_a_lot(long rows, long? analysed, bool stale) =>
        Assert.Equal(stale, SqliteStatistics.IsStale(rows, analysed));

    /// <summary>The database file's modification time and bytes.</summary>
    private string Snapshot() =>
        $"{File.GetLastWriteTimeUtc(DatabasePath):O} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(DatabasePath)))}";

    private async Task RawAsync(string sql) => await RawScalarAsync(sql);

    private async Task<object?> RawScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose() => _directory.Dispose();
}
