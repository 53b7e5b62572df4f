using System.Data.Common;
using Monitor.Shared.Models;

namespace Monitor.Control.Store.Relational;

// Group commit for actions: concurrent AddActionAsync calls on one store are queued and written by one writer at a
// time, everything queued in ONE transaction, so N concurrent writers cost one lock and one commit instead of N
// (SQLite: no busy-wait between this process's own writers). A lone call writes its row inline (no thread hop, no
// explicit transaction), as before. One writer at a time per store also keeps ids increasing in commit order.
public abstract partial class RelationalStateStore
{
    /// <summary>Most rows one transaction takes; more stay queued for the next.</summary>
    private const int MaxActionsPerCommit = 500;
    /// <summary>Batches of others a writing call writes after its own before a background loop takes over.</summary>
    private const int InlineBatchesPerCall = 8;

    private const string InsertActionSql =
        "INSERT INTO actions (started, ended, user_name, type, server, stack, target, parameters, success, output, error, result) " +
        "VALUES (@started, @ended, @user, @type, @server, @stack, @target, @parameters, @success, @output, @error, @result) " +
        "RETURNING id";

    private readonly Lock _actionQueueLock = new();
    private readonly Queue<PendingAction> _actionQueue = new();
    private bool _actionWriterRunning;

    /// <summary>Calls waiting for a writer (tests: to know a batch has formed).</summary>
    internal int QueuedActionCount
    {
        get { lock (_actionQueueLock) return _actionQueue.Count(p => !p.Abandoned); }
    }

    /// <summary>A call is writing queued actions now.</summary>
    internal bool IsWritingActions
    {
        get { lock (_actionQueueLock) return _actionWriterRunning; }
    }

    /// <summary>Adds an action and returns its id once its row has committed. A row that fails (a constraint) fails
    /// only its own call; a call cancelled before its row was taken into a transaction writes nothing.</summary>
    public async Task<long> AddActionAsync(ActionRecord record, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var pending = new PendingAction(record);
        bool lead;
        lock (_actionQueueLock)
        {
            _actionQueue.Enqueue(pending);
            lead = !_actionWriterRunning;
            _actionWriterRunning = true;
        }
        if (lead)
        {
            // This call writes what is queued now (its own row first among them), then a few batches that queued
            // meanwhile (no thread hop while writers keep coming); after that a background loop takes over, so this
            // caller is not held up for long by later ones.
            var batches = 0;
            do await WriteQueuedActionsAsync().ConfigureAwait(false);
            while (!StopWriterIfIdle() && ++batches <= InlineBatchesPerCall);
            if (batches > InlineBatchesPerCall) _ = Task.Run(DrainActionQueueAsync, CancellationToken.None);
            return await pending.Task.ConfigureAwait(false);
        }
        using var registration = ct.Register(() => Abandon(pending, ct));
        return await pending.Task.ConfigureAwait(false);
    }

    private void Abandon(PendingAction pending, CancellationToken ct)
    {
        lock (_actionQueueLock)
        {
            if (pending.Taken) return;
            pending.Abandoned = true;
        }
        pending.TrySetCanceled(ct);
    }

    private async Task DrainActionQueueAsync()
    {
        do await WriteQueuedActionsAsync().ConfigureAwait(false);
        while (!StopWriterIfIdle());
    }

    /// <summary>True (and the writer role released) when nothing is queued.</summary>
    private bool StopWriterIfIdle()
    {
        lock (_actionQueueLock)
        {
            if (_actionQueue.Count > 0) return false;
            _actionWriterRunning = false;
            return true;
        }
    }

    private async Task WriteQueuedActionsAsync()
    {
        var batch = new List<PendingAction>();
        lock (_actionQueueLock)
        {
            while (batch.Count < MaxActionsPerCommit && _actionQueue.TryDequeue(out var next))
            {
                if (next.Abandoned) continue;
                next.Taken = true;
                batch.Add(next);
            }
        }
        if (batch.Count == 0) return;
        try
        {
            var ids = await InsertActionsAsync(batch, CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++) batch[i].TrySetResult(ids[i]);
        }
        catch (ActionRowFailedException) when (batch.Count > 1)
        {
            // Nothing of the batch was committed: write each row on its own, so only the bad one fails.
            foreach (var pending in batch)
            {
                try { pending.TrySetResult((await InsertActionsAsync([pending], CancellationToken.None).ConfigureAwait(false))[0]); }
                catch (ActionRowFailedException e) { pending.TrySetException(e.InnerException!); }
                catch (Exception e) { pending.TrySetException(e); }
            }
        }
        catch (ActionRowFailedException e) { batch[0].TrySetException(e.InnerException!); }
        catch (Exception e)
        {
            // The store itself failed (unreachable, commit refused): every caller of the batch hears it.
            foreach (var pending in batch) pending.TrySetException(e);
        }
    }

    /// <summary>Keep one connection and its prepared insert for the store's life (SQLite: no pool fetch, pragmas or
    /// statement compile per commit); otherwise a pooled connection per commit.</summary>
    protected virtual bool KeepsActionWriterOpen => false;

    // Used only by the one writing call (see _actionWriterRunning).
    private DbConnection? _actionConnection;
    private DbCommand? _actionInsert;

    /// <summary>Closes the kept action writer connection, if any (before the store's pool is cleared).</summary>
    protected void CloseActionWriter()
    {
        _actionInsert?.Dispose();
        _actionConnection?.Dispose();
        _actionInsert = null;
        _actionConnection = null;
    }

    /// <summary>Inserts the rows in order in one transaction (one row: a single autocommit statement) and returns
    /// their ids. A row's statement failing rolls everything back and throws <see cref="ActionRowFailedException"/>.</summary>
    private async Task<long[]> InsertActionsAsync(IReadOnlyList<PendingAction> batch, CancellationToken ct)
    {
        var keep = KeepsActionWriterOpen;
        var connection = keep && _actionConnection is { } open ? open : await OpenConnectionAsync(ct).ConfigureAwait(false);
        // One statement re-bound per row (prepared once by the provider), not N statements to parse.
        var command = keep && _actionInsert is { } prepared ? prepared : Command(connection, InsertActionSql);
        _actionConnection = null;
        _actionInsert = null;
        var reusable = false;
        try
        {
            await using var transaction = batch.Count > 1 ? await BeginWriteTransactionAsync(connection, ct).ConfigureAwait(false) : null;
            command.Transaction = transaction;
            var ids = new long[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                command.Parameters.Clear();
                AddActionParameters(command, batch[i].Record);
                try
                {
                    ids[i] = Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false));
                }
                catch (Exception e) when (e is DbException or InvalidCastException or ArgumentException)
                {
                    reusable = true; // the row was refused; the connection is fine (the transaction rolls back)
                    throw new ActionRowFailedException(e);
                }
            }
            if (transaction is not null) await transaction.CommitAsync(ct).ConfigureAwait(false);
            reusable = true;
            return ids;
        }
        finally
        {
            command.Transaction = null;
            if (keep && reusable)
            {
                _actionConnection = connection;
                _actionInsert = command;
            }
            else
            {
                await command.DisposeAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void AddActionParameters(DbCommand command, ActionRecord record)
    {
        AddTimeParameter(command, "@started", record.Start);
        AddParameter(command, "@user", record.User);
        AddParameter(command, "@type", record.Type);
        AddParameter(command, "@server", record.Server);
        AddParameter(command, "@stack", record.Stack);
        AddParameter(command, "@target", record.Target);
        AddJsonParameter(command, "@parameters", StoreJson.FromDictionary(record.Parameters));
        AddMutableActionParameters(command, record);
    }

    /// <summary>One row's statement failed (the provider's exception inside); its transaction was not committed.</summary>
    private sealed class ActionRowFailedException(Exception inner) : Exception(inner.Message, inner);
}
