namespace Monitor.Control.Services;

/// <summary>An operation failed for a reason the operator can act on. <see cref="Exception.Message"/> says what
/// failed, why, and what to do; the CLI prints it (no stack trace) and exits non-zero.</summary>
public sealed class OperationFailedException(string message, string code = "failed", Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;
}
