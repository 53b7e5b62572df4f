using System.Data.Common;
using Monitor.Shared.Models;

namespace Monitor.Control.Store.Relational;

/// <summary>
/// The queries both SQL backends share. Both schemas use the same table and column names, and the statements
/// below use only SQL that SQLite and PostgreSQL read alike (ON CONFLICT upserts, RETURNING, NULLS LAST,
/// LIMIT/OFFSET). A backend supplies connections, its schema migrations, and how it stores times and JSON.
/// </summary>
public abstract partial class RelationalStateStore : IStateStore
{
    private const string ServerColumns = "name, url, description, tags, tls_fingerprint, added";
    private const string MetricColumns =
        "server, sampled, cpu_percent, memory_used, memory_total, disk_used, disk_total, max_temperature, load1";

    /// <summary>Where the store lives, for messages (never includes a password).</summary>
    public abstract string Description { get; }

    public abstract Task MigrateAsync(CancellationToken ct = default);
    public abstract ValueTask DisposeAsync();

    /// <summary>An open connection; failures are reported as <see cref="StateStoreException"/>.</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken ct);
    /// <summary>A transaction that holds the write lock from its start (SQLite: BEGIN IMMEDIATE).</summary>
    protected abstract ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken ct);
    /// <summary>The parameter value for a time already normalised by <see cref="StoreTime.Normalize"/>.</summary>
    protected abstract object TimeValue(DateTimeOffset utc);
    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);
    /// <summary>True where a filtered history query's plan is chosen by a capped count and told to the planner with
    /// <c>+column</c> (SQLite, which keeps no per-value statistics; see <see cref="ActionQuerySql.Build"/>).
    /// PostgreSQL's planner makes the same choice from its own statistics (both plans are index-only there).</summary>
    protected virtual bool SteersHistoryPlanWithUnaryPlus => false;
    /// <summary>Tests only: the plan every filtered history query takes instead of the one the capped count picks.</summary>
    internal ActionQueryPlan? ForcedHistoryPlan { get; set; }
    /// <summary>Adds a parameter bound to a JSON column.</summary>
    protected abstract void AddJsonParameter(DbCommand command, string name, string json);

    public async Task<IReadOnlyList<ServerInfo>> ListServersAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT {ServerColumns} FROM servers ORDER BY name");
        return await ReadAllAsync(command, r => RowReaders.ReadServer(r, ReadTime), ct).ConfigureAwait(false);
    }

    public async Task<ServerInfo?> GetServerAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT {ServerColumns} FROM servers WHERE name = @name");
        AddParameter(command, "@name", name);
        var rows = await ReadAllAsync(command, r => RowReaders.ReadServer(r, ReadTime), ct).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Inserts or replaces a server; an existing server keeps its original <see cref="ServerInfo.Added"/>.</summary>
    public async Task UpsertServerAsync(ServerInfo server, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection,
            $"INSERT INTO servers ({ServerColumns}) VALUES (@name, @url, @description, @tags, @tls_fingerprint, @added) " +
            "ON CONFLICT (name) DO UPDATE SET url = excluded.url, description = excluded.description, " +
            "tags = excluded.tags, tls_fingerprint = excluded.tls_fingerprint");
        AddParameter(command, "@name", server.Name);
        AddParameter(command, "@url", server.Url);
        AddParameter(command, "@description", server.Description);
        AddJsonParameter(command, "@tags", StoreJson.FromList(server.Tags));
        AddParameter(command, "@tls_fingerprint", server.TlsFingerprint);
        AddTimeParameter(command, "@added", server.Added);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<bool> RemoveServerAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, "DELETE FROM servers WHERE name = @name");
        AddParameter(command, "@name", name);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
    }

    public async Task CompleteActionAsync(ActionRecord record, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection,
            "UPDATE actions SET ended = @ended, success = @success, output = @output, error = @error, result = @result " +
            "WHERE id = @id");
        AddParameter(command, "@id", record.Id);
        AddMutableActionParameters(command, record);
        if (await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
            throw new StateStoreException(
                $"Cannot complete action {record.Id} in {Description}: no action has that id. " +
                "Add the action first and complete it with the id AddActionAsync returned.");
    }

    public async Task<ActionRecord?> GetActionAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT {ActionColumns.Select} FROM actions WHERE id = @id");
        AddParameter(command, "@id", id);
        var rows = await ReadAllAsync(command, r => RowReaders.ReadAction(r, ReadTime), ct).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<ActionRecord>> QueryActionsAsync(ActionQuery query, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        object? cursorValue = null;
        if (query.AfterId is { } after && query.Sort != ActionSortField.Id)
        {
            await using var cursor = Command(connection, ActionQuerySql.CursorValue(query.Sort));
            AddParameter(cursor, "@after", after);
            await using var reader = await cursor.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false)) return [];
            cursorValue = reader.IsDBNull(0) ? null : reader.GetValue(0);
        }
        var plan = ForcedHistoryPlan ?? ActionQueryPlan.SortIndex;
        var steer = ForcedHistoryPlan is not null; // an unprobed query leaves the index to the planner
        if (ForcedHistoryPlan is null && SteersHistoryPlanWithUnaryPlus && ActionQuerySql.SortNeedsItsOwnIndex(query))
        {
            // Many matching rows: walk the sort's index and filter as it goes; few: take them by the filter's
            // index and sort just those. SQLite's planner cannot tell which (no per-value statistics).
            await using var size = Command(connection, ActionQuerySql.TableRows);
            var cap = ActionQuerySql.ProbeCap(query, Convert.ToInt64(await size.ExecuteScalarAsync(ct).ConfigureAwait(false)));
            var (countSql, countParameters) = ActionQuerySql.CountUpTo(query, TimeValue, cap);
            await using var count = Command(connection, countSql);
            foreach (var (name, value) in countParameters) AddParameter(count, name, value);
            plan = ActionQuerySql.Choose(Convert.ToInt64(await count.ExecuteScalarAsync(ct).ConfigureAwait(false)), cap);
            steer = true;
        }
        var (sql, parameters) = ActionQuerySql.Build(query, TimeValue, cursorValue, plan, steer && SteersHistoryPlanWithUnaryPlus);
        await using var command = Command(connection, sql);
        foreach (var (name, value) in parameters)
            AddParameter(command, name, value);
        return await ReadAllAsync(command, r => RowReaders.ReadAction(r, ReadTime), ct).ConfigureAwait(false);
    }

    /// <summary>Stores samples in one transaction; a sample for a server and time already stored replaces it.</summary>
    public async Task AddMetricSamplesAsync(IReadOnlyList<MetricSample> samples, CancellationToken ct = default)
    {
        if (samples.Count == 0) return;
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await BeginWriteTransactionAsync(connection, ct).ConfigureAwait(false);
        foreach (var sample in samples)
        {
            await using var command = Command(connection,
                $"INSERT INTO metrics ({MetricColumns}) VALUES (@server, @time, @cpu, @memory_used, @memory_total, " +
                "@disk_used, @disk_total, @max_temperature, @load1) ON CONFLICT (server, sampled) DO UPDATE SET " +
                "cpu_percent = excluded.cpu_percent, memory_used = excluded.memory_used, memory_total = excluded.memory_total, " +
                "disk_used = excluded.disk_used, disk_total = excluded.disk_total, " +
                "max_temperature = excluded.max_temperature, load1 = excluded.load1", transaction);
            AddParameter(command, "@server", sample.Server);
            AddTimeParameter(command, "@time", sample.Time);
            AddParameter(command, "@cpu", sample.CpuPercent);
            AddParameter(command, "@memory_used", sample.MemoryUsedBytes);
            AddParameter(command, "@memory_total", sample.MemoryTotalBytes);
            AddParameter(command, "@disk_used", sample.DiskUsedBytes);
            AddParameter(command, "@disk_total", sample.DiskTotalBytes);
            AddParameter(command, "@max_temperature", sample.MaxTemperatureCelsius);
            AddParameter(command, "@load1", sample.Load1);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A server's samples with <paramref name="since"/> &lt;= time &lt; <paramref name="until"/>, oldest first.</summary>
    public async Task<IReadOnlyList<MetricSample>> QueryMetricsAsync(
        string server, DateTimeOffset since, DateTimeOffset until, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection,
            $"SELECT {MetricColumns} FROM metrics WHERE server = @server AND sampled >= @since AND sampled < @until ORDER BY sampled");
        AddParameter(command, "@server", server);
        AddTimeParameter(command, "@since", since);
        AddTimeParameter(command, "@until", until);
        return await ReadAllAsync(command, r => RowReaders.ReadMetric(r, ReadTime), ct).ConfigureAwait(false);
    }

    /// <summary>Stores a JSON document (rejects text that is not JSON). Reads return equivalent JSON; PostgreSQL
    /// (jsonb) may change whitespace and key order.</summary>
    public Task PutDocumentAsync(string collection, string key, string json, CancellationToken ct = default) =>
        InsertDocumentAsync(collection, key, json, "DO UPDATE SET body = excluded.body, updated = excluded.updated", ct);

    public async Task<bool> TryAddDocumentAsync(string collection, string key, string json, CancellationToken ct = default) =>
        await InsertDocumentAsync(collection, key, json, "DO NOTHING", ct).ConfigureAwait(false) > 0;

    private async Task<int> InsertDocumentAsync(string collection, string key, string json, string onConflict, CancellationToken ct)
    {
        StoreJson.RequireValidDocument(collection, key, json);
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection,
            "INSERT INTO documents (collection, doc_key, body, updated) VALUES (@collection, @key, @body, @updated) " +
            "ON CONFLICT (collection, doc_key) " + onConflict);
        AddParameter(command, "@collection", collection);
        AddParameter(command, "@key", key);
        AddJsonParameter(command, "@body", json);
        AddTimeParameter(command, "@updated", DateTimeOffset.UtcNow);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<string?> GetDocumentAsync(string collection, string key, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection,
            "SELECT body FROM documents WHERE collection = @collection AND doc_key = @key");
        AddParameter(command, "@collection", collection);
        AddParameter(command, "@key", key);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
    }

    /// <summary>The documents of a collection, ordered by key.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ListDocumentsAsync(string collection, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection,
            "SELECT doc_key, body FROM documents WHERE collection = @collection ORDER BY doc_key");
        AddParameter(command, "@collection", collection);
        return await ReadAllAsync(command, r => new KeyValuePair<string, string>(r.GetString(0), r.GetString(1)), ct)
            .ConfigureAwait(false);
    }

    public async Task<bool> DeleteDocumentAsync(string collection, string key, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, "DELETE FROM documents WHERE collection = @collection AND doc_key = @key");
        AddParameter(command, "@collection", collection);
        AddParameter(command, "@key", key);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
    }

    public async Task<bool> DeleteDocumentIfAsync(string collection, string key, string expectedJson, CancellationToken ct = default)
    {
        StoreJson.RequireValidDocument(collection, key, expectedJson);
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, "DELETE FROM documents WHERE collection = @collection AND doc_key = @key AND body = @body");
        AddParameter(command, "@collection", collection);
        AddParameter(command, "@key", key);
        AddJsonParameter(command, "@body", expectedJson);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
    }

    private void AddMutableActionParameters(DbCommand command, ActionRecord record)
    {
        AddTimeParameter(command, "@ended", record.End);
        AddParameter(command, "@success", record.Success);
        AddParameter(command, "@output", record.Output);
        AddParameter(command, "@error", record.Error);
        AddJsonParameter(command, "@result", StoreJson.FromDictionary(record.Result));
    }

    private void AddTimeParameter(DbCommand command, string name, DateTimeOffset? value) =>
        AddParameter(command, name, value is { } time ? TimeValue(StoreTime.Normalize(time)) : null);

    private static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken ct)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            rows.Add(read(reader));
        return rows;
    }
}
