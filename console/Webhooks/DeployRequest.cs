namespace Monitor.Control.Webhooks;

/// <summary>A deploy a verified push asked for: which stack, at which commit, from which host and delivery.</summary>
public sealed record DeployRequest(string Stack, string Commit, string Branch, string Provider, string DeliveryId)
{
    /// <summary>The history's user for deploys this request triggers, e.g. "webhook:github".</summary>
    public string User => "webhook:" + Provider;
}
