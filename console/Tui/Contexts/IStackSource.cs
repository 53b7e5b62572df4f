namespace Monitor.Control.Tui.Contexts;

/// <summary>What the TUI needs from the stack service (which lands separately). The composition root adapts the
/// stack service to this; without one the Stacks pane says so and offers no stack actions.</summary>
public interface IStackSource
{
    Task<IReadOnlyList<StackRow>> ListAsync(CancellationToken ct = default);

    /// <summary>Deploys (or builds, or pulls) a stack, reporting output lines as they come; recorded in the history.</summary>
    Task RunAsync(string stack, StackOperation operation, IProgress<string> output, CancellationToken ct = default);

    /// <summary>The stack's definition, for the edit form; null when there is none.</summary>
    Task<Monitor.Shared.Config.StackConfig?> GetAsync(string name, CancellationToken ct = default);

    /// <summary>Validates and stores a definition; an invalid one throws OperationFailedException saying what to fix.</summary>
    Task SaveAsync(Monitor.Shared.Config.StackConfig stack, CancellationToken ct = default);
}
