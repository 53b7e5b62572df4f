using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Monitor.Control.Store.Sqlite;

public sealed partial class SqliteStateStore : IStoreChanges
{
    /// <summary>How often the change counter is read (one tiny read on an idle connection).</summary>
    public static readonly TimeSpan ChangePollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary><c>PRAGMA data_version</c> on a connection of its own: it moves whenever any other connection, of this
    /// process or another, commits to the file; reading it touches no table.</summary>
    public async IAsyncEnumerable<string> WatchChangesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var builder = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false, Mode = SqliteOpenMode.ReadOnly };
        await using var connection = new SqliteConnection(builder.ToString());
        if (!await TryAsync(() => connection.OpenAsync(ct)).ConfigureAwait(false)) yield break;
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        using var timer = new PeriodicTimer(ChangePollInterval);
        long? last = null;
        while (!ct.IsCancellationRequested)
        {
            long version;
            try { version = Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture); }
            catch (OperationCanceledException) { yield break; }
            if (last is not null && version != last) yield return "*";
            last = version;
            if (!await TryAsync(async () => await timer.WaitForNextTickAsync(ct).ConfigureAwait(false)).ConfigureAwait(false)) yield break;
        }
    }

    private static async Task<bool> TryAsync(Func<Task> action)
    {
        try { await action().ConfigureAwait(false); return true; }
        catch (OperationCanceledException) { return false; }
    }
}
