namespace Monitor.Shared.Config;

public sealed partial class MonitorConfig
{
    /// <summary>[webhook]: the signed git webhook endpoint of `monitor serve`.</summary>
    public WebhookConfig? Webhook { get; set; }
}
