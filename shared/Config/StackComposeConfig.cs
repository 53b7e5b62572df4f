namespace Monitor.Shared.Config;

/// <summary>[stacks.compose]: a compose project, from a file in the repo or inline YAML, on each deploy target.</summary>
public sealed class StackComposeConfig
{
    /// <summary>Path of the compose file relative to the repo root.</summary>
    public string? File { get; set; }
    public string? Inline { get; set; }
    /// <summary>Default the stack name.</summary>
    public string? Project { get; set; }
}
