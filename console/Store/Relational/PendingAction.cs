using Monitor.Shared.Models;

namespace Monitor.Control.Store.Relational;

/// <summary>One caller's action waiting in a store's insert queue; its task completes with the id once the row's
/// transaction has committed (or with the row's own failure).</summary>
internal sealed class PendingAction(ActionRecord record)
    : TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public ActionRecord Record { get; } = record;

    /// <summary>Taken into a batch (guarded by the queue's lock): from then on the row is written whatever the
    /// caller's token says, so a caller never loses the id of a row that was stored.</summary>
    public bool Taken { get; set; }

    /// <summary>The caller gave up before a batch took the row (guarded by the queue's lock): it is never written.</summary>
    public bool Abandoned { get; set; }
}
