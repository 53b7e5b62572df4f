using Npgsql;

namespace Monitor.Store.Tests;

/// <summary>
/// The real PostgreSQL the tests use (started by scripts/setup.sh via scripts/lib/postgres.sh). Each test works in
/// its own fresh schema, dropped afterwards.
/// </summary>
internal static class PostgresTestDatabase
{
    public const string DefaultConnectionString =
        "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor_test";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("MONITOR_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    public static string NewSchemaName() => "mt_store_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Fails (never skips) with what to do when PostgreSQL is not there.</summary>
    public static async Task RequireReachableAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at {builder.Host}:{builder.Port} (database {builder.Database}, user " +
                $"{builder.Username}): {e.Message}. Run scripts/setup.sh (it runs scripts/lib/postgres.sh) to start it, " +
                "or point MONITOR_TEST_POSTGRES at a PostgreSQL you can use.", e);
        }
    }

    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public static Task DropSchemaAsync(string schema) => ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
}
