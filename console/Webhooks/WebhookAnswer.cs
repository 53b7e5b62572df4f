namespace Monitor.Control.Webhooks;

/// <summary>How a delivery was answered (HTTP status and JSON body) and what the serve log says about it.</summary>
public sealed record WebhookAnswer(int Status, WebhookReply Reply, string? Stack, string? Provider, string? DeliveryId, string Outcome)
{
    public static WebhookAnswer Failed(int status, string error, string? stack, string? provider = null, string? delivery = null, string? logDetail = null) =>
        new(status, new WebhookReply { Error = error }, stack, provider, delivery, logDetail is null ? error.Replace(' ', '-') : $"{error.Replace(' ', '-')} ({logDetail})");
}
