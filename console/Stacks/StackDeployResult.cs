namespace Monitor.Control.Stacks;

/// <summary>How a deploy went on each target. <see cref="Success"/> only when every target runs the new version.</summary>
public sealed record StackDeployResult(
    string Stack,
    bool Success,
    string? Version,
    string? Commit,
    string Image,
    IReadOnlyList<StackTargetResult> Targets,
    long ActionId);
