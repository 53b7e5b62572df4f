namespace Monitor.Shared.Config;

/// <summary>[[stacks]]: one workload. Either <see cref="Build"/> (image built from <see cref="Repo"/>) or
/// <see cref="Image"/> (prebuilt), deployed per <see cref="Deploy"/>; or a <see cref="Compose"/> project.</summary>
public sealed class StackConfig
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public StackRepoConfig? Repo { get; set; }
    public StackBuildConfig? Build { get; set; }
    /// <summary>A prebuilt image (e.g. "nginx:1.27"); used when there is no build.</summary>
    public string? Image { get; set; }
    /// <summary>With a prebuilt image: always pull and run its `latest` tag.</summary>
    public bool UseLatest { get; set; }
    public StackDeployConfig? Deploy { get; set; }
    public StackComposeConfig? Compose { get; set; }
    /// <summary>[stacks.webhook]: per-stack webhook settings for `monitor serve` (enabled, branch, own secret).</summary>
    public StackWebhookConfig? Webhook { get; set; }
    /// <summary>[stacks.route]: the reverse-proxy route (Caddy on each target) in front of the stack's container.</summary>
    public StackRouteConfig? Route { get; set; }
    /// <summary>Keep this stack's container logs in the store wherever it runs ([logs], `monitor logs search`).</summary>
    public bool KeepLogs { get; set; }
}
