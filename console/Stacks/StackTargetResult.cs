namespace Monitor.Control.Stacks;

/// <summary>One target's outcome: <see cref="RolledBack"/> when the new container failed and the previous image runs again.</summary>
public sealed record StackTargetResult(string Server, bool Success, bool RolledBack, string Container, string Image, string Message);
