using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;

namespace Monitor.Control.Store.Postgres;

public sealed partial class PostgresStateStore : IStoreChanges
{
    /// <summary>The channel migration 12's statement triggers notify on; the payload is "schema.table".</summary>
    public const string ChangeChannel = "monitor_changes";

    /// <summary>LISTEN on a connection of its own; notifications of other schemas (other test runs, other
    /// deployments on the same database) are left out.</summary>
    public async IAsyncEnumerable<string> WatchChangesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var prefix = (Schema ?? "public") + ".";
        var changes = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        connection.Notification += (_, e) =>
        {
            if (e.Payload.StartsWith(prefix, StringComparison.Ordinal)) changes.Writer.TryWrite(e.Payload[prefix.Length..]);
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {ChangeChannel}", connection))
            await listen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pump = Task.Run(async () =>
        {
            try { while (true) await connection.WaitAsync(stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { changes.Writer.TryComplete(); }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException) { changes.Writer.TryComplete(e); }
        }, CancellationToken.None);
        try
        {
            while (await WaitToReadAsync(changes.Reader, ct).ConfigureAwait(false))
                while (changes.Reader.TryRead(out var table)) yield return table;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }
    }

    private static async Task<bool> WaitToReadAsync(ChannelReader<string> reader, CancellationToken ct)
    {
        try { return await reader.WaitToReadAsync(ct).ConfigureAwait(false); }
        catch (OperationCanceledException) { return false; }
    }
}
