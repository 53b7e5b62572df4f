namespace Monitor.Control.Webhooks;

/// <summary>One incoming POST /hooks/{stack}: the stack named in the path, the headers and the raw body (the
/// signature covers these exact bytes).</summary>
public sealed record WebhookDelivery(string Stack, WebhookHeaders Headers, byte[] Body, string? ContentType);
