using System.Data.Common;
using Microsoft.Data.Sqlite;
using Monitor.Control.Store.Relational;

namespace Monitor.Control.Store.Sqlite;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode, so several console processes can share it
/// (readers never block the writer; writers wait for each other up to the busy timeout).
/// </summary>
public sealed partial class SqliteStateStore : RelationalStateStore
{
    private const int BusyTimeoutMilliseconds = 15_000;
    private readonly string _connectionString;

    public SqliteStateStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = System.IO.Path.GetFullPath(path);
        CreateDirectory(FilePath);
        SqliteFileModes.Restrict(FilePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string FilePath { get; }

    public override string Description => $"SQLite {FilePath}";

    protected override bool SteersHistoryPlanWithUnaryPlus => true;

    protected override bool InsertsRowByRow => true;

    protected override bool KeepsActionWriterOpen => true;

    public override async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            // Read-only first: a store already in WAL mode with every step recorded is left untouched (no write lock),
            // so read verbs never write the file; only a store that is behind takes the write path below.
            if (!await IsWalAsync(connection, ct).ConfigureAwait(false)
                || !await MigrationRunner.IsUpToDateAsync(connection, SqliteMigrations.All, ct).ConfigureAwait(false))
            {
                await using (var wal = connection.CreateCommand())
                {
                    // Persistent in the file; must run outside a transaction.
                    wal.CommandText = "PRAGMA journal_mode = WAL";
                    await wal.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                await using var transaction = await BeginWriteTransactionAsync(connection, ct).ConfigureAwait(false);
                await MigrationRunner.ApplyPendingAsync(transaction, SqliteMigrations.CreateVersionTable, SqliteMigrations.All,
                    TimeValue(StoreTime.Normalize(DateTimeOffset.UtcNow)), Description, ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }
            // Planner statistics, so history queries pick the index that fits their filter and sort (read-only unless
            // a table grew or shrank a lot since it was last analysed).
            await SqliteStatistics.RefreshAsync((SqliteConnection)connection, ct).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw new StateStoreException(
                $"Cannot prepare the state store {Description}: {e.Message}. Check that the file is a monitor store " +
                "(not another program's file) and is writable, or choose another store path.", e);
        }
    }

    private static async Task<bool> IsWalAsync(DbConnection connection, CancellationToken ct)
    {
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode"; // reading the mode does not change it
        return await mode.ExecuteScalarAsync(ct).ConfigureAwait(false) is string current
               && current.Equals("wal", StringComparison.OrdinalIgnoreCase);
    }

    public override ValueTask DisposeAsync()
    {
        CloseActionWriter();
        // Closes this file's idle pooled connections, so the file (and its -wal/-shm) is released.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";
            await pragmas.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new StateStoreException(
                $"Cannot open the state store {Description}: {e.Message}. Check that the file is a monitor store " +
                "and that its directory is writable, or choose another store path.", e);
        }
    }

    protected override ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken ct) =>
        // Non-deferred = BEGIN IMMEDIATE: take the write lock now instead of failing on a later upgrade.
        // (Microsoft.Data.Sqlite has no async overload with this choice; the wait is bounded by busy_timeout.)
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override object TimeValue(DateTimeOffset utc) => StoreTime.ToUnixMicroseconds(utc);

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        StoreTime.FromUnixMicroseconds(reader.GetInt64(ordinal));

    protected override void AddJsonParameter(DbCommand command, string name, string json) =>
        ((SqliteCommand)command).Parameters.AddWithValue(name, json);

    private static void CreateDirectory(string filePath)
    {
        var directory = System.IO.Path.GetDirectoryName(filePath);
        if (string.IsNullOrEmpty(directory)) return;
        try
        {
            if (!Directory.Exists(directory)) SqliteFileModes.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateStoreException(
                $"Cannot create the directory {directory} for the SQLite state store: {e.Message}. " +
                "Create it yourself or choose another store path.", e);
        }
    }
}
