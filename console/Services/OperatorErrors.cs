using Monitor.Control.Agents;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

/// <summary>Turns agent errors into messages that say what failed, why, and what to do.</summary>
public static class OperatorErrors
{
    public static OperationFailedException From(AgentException ex, string what)
    {
        var message = ex.Code switch
        {
            ErrorCodes.Unreachable => $"{what} on {ex.Server} failed: {Strip(ex)}",
            ErrorCodes.AuthFailed or ErrorCodes.AuthRequired => $"{what} on {ex.Server} failed: {Strip(ex)}",
            ErrorCodes.NotFound => $"{what} on {ex.Server} failed: {Strip(ex)}; check the name with `monitor container list --server {ex.Server}`",
            ErrorCodes.Timeout => $"{what} on {ex.Server} timed out: {Strip(ex)}",
            ErrorCodes.Forbidden => $"{what} on {ex.Server} was refused by the agent: {Strip(ex)}",
            ErrorCodes.InvalidArgument => $"{what} on {ex.Server} was rejected: {Strip(ex)}",
            _ => $"{what} on {ex.Server} failed ({ex.Code}): {Strip(ex)}",
        };
        return new OperationFailedException(message, ex.Code, ex);
    }

    private static string Strip(AgentException ex)
    {
        var prefix = ex.Server + ": ";
        return ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message[prefix.Length..] : ex.Message;
    }
}
