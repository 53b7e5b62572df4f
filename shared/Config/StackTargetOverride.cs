namespace Monitor.Shared.Config;

/// <summary>[stacks.deploy.overrides.SERVER]: what differs on one target (e.g. two targets sharing one engine).</summary>
public sealed class StackTargetOverride
{
    public string? ContainerName { get; set; }
    /// <summary>Replaces the stack's port list on this target.</summary>
    public List<string>? Ports { get; set; }
}
