namespace Monitor.Control.Webhooks;

/// <summary>GitHub: <c>X-Hub-Signature-256: sha256=HEX</c> = HMAC-SHA256 of the raw body; delivery in
/// <c>X-GitHub-Delivery</c>; event in <c>X-GitHub-Event</c> (push, ping).</summary>
public sealed class GitHubProvider : WebhookProvider
{
    public const string SignatureHeader = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public override string Name => "github";

    public override bool Matches(WebhookHeaders headers) => headers.Has("X-GitHub-Event");

    public override bool Verify(string secret, WebhookHeaders headers, ReadOnlySpan<byte> body)
    {
        var header = headers[SignatureHeader];
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        return HmacSignature.Matches(secret, body, header[Prefix.Length..]);
    }

    public override string? DeliveryId(WebhookHeaders headers) => headers["X-GitHub-Delivery"];

    public override string? EventName(WebhookHeaders headers) => headers["X-GitHub-Event"];

    public override bool IsPush(string? eventName) => eventName == "push";

    public override bool IsPing(string? eventName) => eventName == "ping";
}
