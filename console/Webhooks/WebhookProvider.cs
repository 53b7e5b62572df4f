namespace Monitor.Control.Webhooks;

/// <summary>One git host's webhook dialect: how it is recognised, which header proves the sender knows the secret,
/// which names the delivery (for dedupe) and the event. Push payloads are alike across hosts (<see cref="PushPayload"/>).</summary>
public abstract class WebhookProvider
{
    /// <summary>Lower-case name used in the serve log and the history user ("webhook:NAME").</summary>
    public abstract string Name { get; }

    /// <summary>True when the headers come from this host.</summary>
    public abstract bool Matches(WebhookHeaders headers);

    /// <summary>True when the request proves knowledge of <paramref name="secret"/>. Missing or malformed proof is false.</summary>
    public abstract bool Verify(string secret, WebhookHeaders headers, ReadOnlySpan<byte> body);

    public abstract string? DeliveryId(WebhookHeaders headers);

    public abstract string? EventName(WebhookHeaders headers);

    public abstract bool IsPush(string? eventName);

    /// <summary>A connectivity check with nothing to deploy (GitHub's `ping`).</summary>
    public virtual bool IsPing(string? eventName) => false;
}
