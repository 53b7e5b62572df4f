namespace Monitor.Control.Stacks;

/// <summary>A container of a stack on one target (for compose stacks: one per service).</summary>
public sealed record StackContainerStatus(string Server, string Container, string? Service, string State, string Image, string? Error);
