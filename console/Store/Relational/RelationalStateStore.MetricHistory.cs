using Monitor.Control.Store;

namespace Monitor.Control.Store.Relational;

// The metric history (watch area) on both SQL backends: the same statements read alike in SQLite and PostgreSQL.
public abstract partial class RelationalStateStore : IMetricHistoryStore
{
    private const string HistoryColumns =
        "server, tier, entity, at, samples, cpu, cpu_max, memory, memory_max, disk, load1, temperature, net_rx, net_tx";

    public async Task AddMetricPointsAsync(IReadOnlyList<MetricPoint> points, CancellationToken ct = default)
    {
        if (points.Count == 0) return;
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await BeginWriteTransactionAsync(connection, ct).ConfigureAwait(false);
        // One row per key, the last one winning, as one upsert after another would leave it (PostgreSQL refuses a
        // multi-row upsert that touches a row twice).
        var rows = points.GroupBy(p => (p.Server, p.Tier, p.Entity, StoredTime(p.At))).Select(g => g.Last()).ToList();
        await InsertBatchAsync(connection, transaction, "metric_history",
        [
            ("server", p => p.Server), ("tier", p => p.Tier), ("entity", p => p.Entity), ("at", p => StoredTime(p.At)),
            ("samples", p => p.Samples), ("cpu", p => p.Cpu), ("cpu_max", p => p.CpuMax), ("memory", p => p.Memory),
            ("memory_max", p => p.MemoryMax), ("disk", p => p.Disk), ("load1", p => p.Load1),
            ("temperature", p => p.Temperature), ("net_rx", p => p.NetRx), ("net_tx", p => p.NetTx),
        ], "ON CONFLICT (server, tier, entity, at) DO UPDATE SET " +
           "samples = excluded.samples, cpu = excluded.cpu, cpu_max = excluded.cpu_max, memory = excluded.memory, " +
           "memory_max = excluded.memory_max, disk = excluded.disk, load1 = excluded.load1, temperature = excluded.temperature, " +
           "net_rx = excluded.net_rx, net_tx = excluded.net_tx", rows, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<MetricPoint>> QueryMetricPointsAsync(string server, int tier, string entity,
        DateTimeOffset since, DateTimeOffset until, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection,
            $"SELECT {HistoryColumns} FROM metric_history WHERE server = @server AND tier = @tier AND entity = @entity " +
            "AND at >= @since AND at < @until ORDER BY at");
        AddParameter(command, "@server", server);
        AddParameter(command, "@tier", tier);
        AddParameter(command, "@entity", entity);
        AddTimeParameter(command, "@since", since);
        AddTimeParameter(command, "@until", until);
        return await ReadAllAsync(command, r => new MetricPoint(
            r.GetString(0), Convert.ToInt32(r.GetValue(1)), r.GetString(2), ReadTime(r, 3), r.GetInt32(4),
            r.GetDouble(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8),
            r.IsDBNull(9) ? null : r.GetDouble(9), r.IsDBNull(10) ? null : r.GetDouble(10), r.IsDBNull(11) ? null : r.GetDouble(11),
            r.GetDouble(12), r.GetDouble(13)), ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListMetricEntitiesAsync(string server, int tier, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection,
            "SELECT DISTINCT entity FROM metric_history WHERE server = @server AND tier = @tier AND at >= @since ORDER BY entity");
        AddParameter(command, "@server", server);
        AddParameter(command, "@tier", tier);
        AddTimeParameter(command, "@since", since);
        return await ReadAllAsync(command, r => r.GetString(0), ct).ConfigureAwait(false);
    }

    public async Task<int> PruneMetricPointsAsync(int tier, DateTimeOffset before, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, "DELETE FROM metric_history WHERE tier = @tier AND at < @before");
        AddParameter(command, "@tier", tier);
        AddTimeParameter(command, "@before", before);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
