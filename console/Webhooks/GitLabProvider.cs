namespace Monitor.Control.Webhooks;

/// <summary>GitLab: the secret itself travels in <c>X-Gitlab-Token</c> (compared in constant time); delivery in
/// <c>X-Gitlab-Event-UUID</c>; event in <c>X-Gitlab-Event</c> ("Push Hook").</summary>
public sealed class GitLabProvider : WebhookProvider
{
    public const string TokenHeader = "X-Gitlab-Token";

    public override string Name => "gitlab";

    public override bool Matches(WebhookHeaders headers) => headers.Has("X-Gitlab-Event");

    public override bool Verify(string secret, WebhookHeaders headers, ReadOnlySpan<byte> body) => HmacSignature.SecretEquals(secret, headers[TokenHeader]);

    public override string? DeliveryId(WebhookHeaders headers) => headers["X-Gitlab-Event-UUID"];

    public override string? EventName(WebhookHeaders headers) => headers["X-Gitlab-Event"];

    public override bool IsPush(string? eventName) => eventName == "Push Hook";
}
