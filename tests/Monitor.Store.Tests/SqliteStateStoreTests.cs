using Microsoft.Data.Sqlite;
using Monitor.Control.Store;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Models;
using Monitor.TestSupport;

namespace Monitor.Store.Tests;

public sealed class SqliteStateStoreTests : StateStoreConformance
{
    private readonly TempDirectory _directory = new();

    // A subdirectory that does not exist yet: the store must create it.
    private string DatabasePath => _directory.File(Path.Combine("state", "monitor.db"));

    protected override Task CreateLocationAsync() => Task.CompletedTask;

    protected override IStateStore CreateStore() => new SqliteStateStore(DatabasePath);

    protected override async Task RecordSchemaVersionAsync(int version, string name)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO schema_version (version, name, applied) VALUES ($version, $name, 0)";
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$name", name);
        await command.ExecuteNonQueryAsync();
    }

    protected override Task DeleteLocationAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Database_file_is_in_wal_mode_with_every_migration_recorded_once()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT group_concat(version, ',') FROM (SELECT version FROM schema_version ORDER BY version)";
        Assert.Equal(AllVersions, (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_version_1_database_is_upgraded_by_applying_only_the_missing_steps()
    {
        var id = await Store.AddActionAsync(Minimal("alice"));
        await RawAsync("DROP INDEX ix_actions_duration_cover; DELETE FROM schema_version WHERE version = 13");

        await OpenStore().MigrateAsync();

        Assert.Equal(AllVersions, await RawScalarAsync("SELECT group_concat(version, ',') FROM (SELECT version FROM schema_version ORDER BY version)"));
        Assert.Equal(1L, await RawScalarAsync("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_actions_duration_cover'"));
        Assert.Equal("alice", (await Store.GetActionAsync(id))?.User);
    }

    private static readonly string AllVersions = string.Join(",", Monitor.Control.Store.Sqlite.SqliteMigrations.All.Select(m => m.Version));

    private async Task RawAsync(string sql) => await RawScalarAsync(sql);

    private async Task<object?> RawScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Two_instances_on_the_same_file_writing_concurrently_lose_nothing()
    {
        var first = OpenStore();
        var second = OpenStore();
        await second.MigrateAsync();
        const int perWriter = 250;

        async Task<List<long>> WriteAsync(IStateStore store, string user)
        {
            var ids = new List<long>();
            for (var i = 0; i < perWriter; i++)
            {
                var id = await store.AddActionAsync(Minimal(user) with { Target = $"{user}-{i}" });
                await store.CompleteActionAsync(new ActionRecord { Id = id, User = user, Type = "x", Success = true, End = SampleActions.T0.AddSeconds(1) });
                ids.Add(id);
            }
            return ids;
        }

        // Reads alongside the writers; its only job is to fail (throw) if a read ever hits a locked database.
        async Task ReadAsync(IStateStore store, Task writers)
        {
            do
            {
                await store.QueryActionsAsync(new ActionQuery { Limit = 20 });
            }
            while (!writers.IsCompleted);
        }

        var writers = Task.WhenAll(
            Task.Run(() => WriteAsync(first, "one")), Task.Run(() => WriteAsync(first, "two")),
            Task.Run(() => WriteAsync(second, "three")), Task.Run(() => WriteAsync(second, "four")));
        var reader = Task.Run(() => ReadAsync(second, writers));
        var written = (await writers).SelectMany(ids => ids).ToList();
        await reader;

        Assert.Equal(4 * perWriter, written.Distinct().Count());
        var all = await OpenStore().QueryActionsAsync(new ActionQuery { Limit = 10_000, Sort = ActionSortField.Id, Descending = false });
        Assert.Equal(written.Order(), all.Select(r => r.Id));
        Assert.All(all, r => Assert.True(r.Success));
        foreach (var user in new[] { "one", "two", "three", "four" })
            Assert.Equal(perWriter, all.Count(r => r.User == user));
    }

    [Fact]
    public void A_path_whose_directory_cannot_be_created_is_reported()
    {
        var blocker = _directory.File("a-file");
        File.WriteAllText(blocker, "not a directory");

        var error = Assert.Throws<StateStoreException>(() => new SqliteStateStore(Path.Combine(blocker, "monitor.db")));
        Assert.Contains(blocker, error.Message);
        Assert.Contains("choose another store path", error.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_reported_on_migrate()
    {
        var path = _directory.File("garbage.db");
        await File.WriteAllTextAsync(path, new string('x', 8192));
        await using var store = new SqliteStateStore(path);

        var error = await Assert.ThrowsAsync<StateStoreException>(() => store.MigrateAsync());
        Assert.Contains(path, error.Message);
    }
}
