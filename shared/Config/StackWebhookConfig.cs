namespace Monitor.Shared.Config;

/// <summary>[stacks.webhook]: how `monitor serve` treats pushes for one stack. Without this table a stack accepts
/// signed pushes to its repo branch, checked with the [webhook] secret.</summary>
public sealed class StackWebhookConfig
{
    /// <summary>false: POST /hooks/NAME answers 404 and deploys nothing.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>The branch whose pushes deploy (default the stack's repo branch).</summary>
    public string? Branch { get; set; }
    /// <summary>Env var holding this stack's own secret (overrides [webhook]).</summary>
    public string? SecretEnv { get; set; }
    public string? SecretFile { get; set; }
}
