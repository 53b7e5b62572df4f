namespace Monitor.Control.Webhooks;

/// <summary>A delivery remembered for dedupe (store collection "webhook_deliveries", key "provider:id").</summary>
public sealed record WebhookDeliveryRecord(string Provider, string Id, string Stack, DateTimeOffset Time, string Outcome);
