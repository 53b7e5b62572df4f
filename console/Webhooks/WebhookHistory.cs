using Monitor.Control.Services;
using Monitor.Control.Store;

namespace Monitor.Control.Webhooks;

/// <summary>Records in the action history what a verified push did not do and why (as user "webhook:PROVIDER"),
/// so a replayed push shows up next to the deploys.</summary>
public sealed class WebhookHistory(IStateStore store)
{
    public async Task RecordIgnoredAsync(string provider, string stack, string? branch, string commit, string? deliveryId, string reason, CancellationToken ct)
    {
        var recorder = new ActionRecorder(store, "webhook:" + provider);
        var parameters = new Dictionary<string, string> { ["commit"] = commit, ["branch"] = branch ?? "", ["delivery"] = deliveryId ?? "" };
        var action = await recorder.StartAsync(WebhookActionTypes.Ignored, null, stack, stack, parameters, ct).ConfigureAwait(false);
        action.AppendOutput(reason);
        action.SetResult("reason", reason);
        await action.SucceedAsync().ConfigureAwait(false);
    }
}
