namespace Monitor.Control.Stacks;

/// <summary>One target's outcome: <see cref="RolledBack"/> when the new container failed and the previous image runs
/// again; <see cref="RollbackFailed"/> when a rollback was tried and did not bring the previous image back.</summary>
public sealed record StackTargetResult(string Server, bool Success, bool RolledBack, string Container, string Image, string Message, bool RollbackFailed = false);
