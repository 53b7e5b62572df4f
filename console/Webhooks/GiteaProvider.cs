namespace Monitor.Control.Webhooks;

/// <summary>Gitea and Forgejo (a Gitea fork with its own header prefix): <c>X-Gitea-Signature</c> /
/// <c>X-Forgejo-Signature</c> = bare hex HMAC-SHA256 of the raw body; delivery in <c>X-…-Delivery</c>; event in <c>X-…-Event</c>.</summary>
public sealed class GiteaProvider : WebhookProvider
{
    private readonly string _prefix;

    private GiteaProvider(string name, string prefix) { Name = name; _prefix = prefix; }

    public static GiteaProvider Gitea { get; } = new("gitea", "X-Gitea-");
    public static GiteaProvider Forgejo { get; } = new("forgejo", "X-Forgejo-");

    public override string Name { get; }

    public override bool Matches(WebhookHeaders headers) => headers.Has(_prefix + "Event");

    public override bool Verify(string secret, WebhookHeaders headers, ReadOnlySpan<byte> body) =>
        HmacSignature.Matches(secret, body, headers[_prefix + "Signature"]);

    public override string? DeliveryId(WebhookHeaders headers) => headers[_prefix + "Delivery"];

    public override string? EventName(WebhookHeaders headers) => headers[_prefix + "Event"];

    public override bool IsPush(string? eventName) => eventName == "push";
}
