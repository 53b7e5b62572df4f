using Monitor.Shared.Protocol;

namespace Monitor.Control.Fleet;

/// <summary>What `server clone` would deploy to <see cref="Target"/>: the stacks whose targets include
/// <see cref="Source"/> and SOURCE's standalone containers (not from a stack or compose) as run specs.</summary>
public sealed record ClonePlan(string Source, string Target, IReadOnlyList<string> Stacks, IReadOnlyList<ContainerRunSpec> Containers, IReadOnlyList<string> Warnings)
{
    public bool IsEmpty => Stacks.Count == 0 && Containers.Count == 0;
}
