using Monitor.Control.Store;
using Monitor.Control.Store.Postgres;
using Monitor.Shared.Models;
using Monitor.TestSupport;
using Npgsql;

namespace Monitor.Store.Tests;

public sealed class PostgresStateStoreTests : StateStoreConformance
{
    private readonly string _schema = PostgresTestDatabase.NewSchemaName();
    private bool _reachable;

    protected override async Task CreateLocationAsync()
    {
        await PostgresTestDatabase.RequireReachableAsync();
        _reachable = true;
    }

    protected override IStateStore CreateStore() => new PostgresStateStore(PostgresTestDatabase.ConnectionString, _schema);

    private static readonly string AllVersions = string.Join(",", Monitor.Control.Store.Postgres.PostgresMigrations.All.Select(m => m.Version));

    protected override Task RecordSchemaVersionAsync(int version, string name) =>
        PostgresTestDatabase.ExecuteAsync(
            $"INSERT INTO \"{_schema}\".schema_version (version, name, applied) VALUES ({version}, '{name.Replace("'", "''")}', now())");

    protected override Task DeleteLocationAsync() =>
        _reachable ? PostgresTestDatabase.DropSchemaAsync(_schema) : Task.CompletedTask;

    [Fact]
    public async Task Schema_has_the_tables_and_every_migration_recorded_once()
    {
        var tables = (string?)await PostgresTestDatabase.ScalarAsync(
            $"SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = '{_schema}'");
        Assert.Equal("actions,documents,log_cursors,log_lines,metric_history,metrics,schema_version,servers", tables);
        Assert.Equal(AllVersions, await PostgresTestDatabase.ScalarAsync(
            $"SELECT string_agg(version::text, ',' ORDER BY version) FROM \"{_schema}\".schema_version"));
    }

    [Fact]
    public async Task Many_instances_migrating_a_new_schema_at_once_all_succeed()
    {
        var schema = PostgresTestDatabase.NewSchemaName();
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgresStateStore(PostgresTestDatabase.ConnectionString, schema)).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync())));

            Assert.Equal(AllVersions, await PostgresTestDatabase.ScalarAsync(
                $"SELECT string_agg(version::text, ',' ORDER BY version) FROM \"{schema}\".schema_version"));
            var id = await stores[0].AddActionAsync(Minimal("alice"));
            Assert.Equal("alice", (await stores[3].GetActionAsync(id))?.User);
        }
        finally
        {
            foreach (var store in stores)
                await store.DisposeAsync();
            await PostgresTestDatabase.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task Schema_can_come_from_the_search_path_of_the_connection_string()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.ConnectionString) { SearchPath = _schema };
        await using var store = new PostgresStateStore(builder.ConnectionString);

        Assert.Equal(_schema, store.Schema);
        await store.UpsertServerAsync(Server("web-09"));
        Assert.Equal("web-09", (await Store.GetServerAsync("web-09"))?.Name);
    }

    [Fact]
    public void Schema_names_that_need_quoting_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgresStateStore(PostgresTestDatabase.ConnectionString, "x\"; DROP"));
        Assert.Contains("schema name", error.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_without_the_password()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.ConnectionString)
        {
            Port = FreePort.Next(), Password = "do-not-show-me", Timeout = 5,
        };
        await using var store = new PostgresStateStore(builder.ConnectionString, _schema);

        var error = await Assert.ThrowsAsync<StateStoreException>(() => store.MigrateAsync());
        Assert.Contains($"127.0.0.1:{builder.Port}", error.Message);
        Assert.Contains("Check that PostgreSQL is running", error.Message);
        Assert.DoesNotContain("do-not-show-me", error.Message);
    }

    [Fact]
    public async Task A_covering_index_serves_the_default_history_sort_for_one_server()
    {
        await SeedAsync();
        await PostgresTestDatabase.ExecuteAsync($"ANALYZE \"{_schema}\".actions");
        var plan = await ExplainAsync(new ActionQuery { Server = "web-01" });
        // the server's matches sorted, or the start order walked with the server checked in the index (tiny table: either)
        Assert.Matches("ix_actions_(server|started)_cover", plan);
    }

    private async Task<string> ExplainAsync(ActionQuery query)
    {
        // Small tables make sequential scans cheapest; turn them off to see which index the planner can use.
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SET search_path = \"{_schema}\"; SET enable_seqscan = off; " +
            "EXPLAIN SELECT id FROM actions WHERE server = @server ORDER BY started DESC, id DESC LIMIT 100", connection);
        command.Parameters.AddWithValue("server", query.Server!);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
                lines.Add(reader.GetString(0));
        }
        while (await reader.NextResultAsync());
        return string.Join('\n', lines);
    }
}
