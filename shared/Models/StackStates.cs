namespace Monitor.Shared.Models;

/// <summary>States of a stack's container that are not Docker's own (running, exited...).</summary>
public static class StackStates
{
    /// <summary>The target has no container of the stack (never deployed, or removed).</summary>
    public const string NotDeployed = "not deployed";
}
