namespace Monitor.Control.Webhooks;

/// <summary>History types the webhook service records besides the deploys it starts.</summary>
public static class WebhookActionTypes
{
    /// <summary>A verified push that was not deployed because its commit is stale (a replay, or overtaken).</summary>
    public const string Ignored = "webhook.ignored";
}
