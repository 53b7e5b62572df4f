using Monitor.Control.Services;

namespace Monitor.Control.Webhooks;

/// <summary>Records in the action history what a verified push did not do and why (as user "webhook:PROVIDER"),
/// so a replayed push shows up next to the deploys. Written through the console's one recorder.</summary>
public sealed class WebhookHistory(ActionRecorder recorder)
{
    public async Task RecordIgnoredAsync(string provider, string stack, string? branch, string commit, string? deliveryId, string reason, CancellationToken ct)
    {
        var parameters = new Dictionary<string, string> { ["commit"] = commit, ["branch"] = branch ?? "", ["delivery"] = deliveryId ?? "" };
        var action = await recorder.As("webhook:" + provider).StartAsync(WebhookActionTypes.Ignored, null, stack, stack, parameters, ct).ConfigureAwait(false);
        action.AppendOutput(reason);
        action.SetResult("reason", reason);
        await action.SucceedAsync().ConfigureAwait(false);
    }
}
