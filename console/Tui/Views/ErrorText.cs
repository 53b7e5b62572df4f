using Monitor.Control.Agents;
using Monitor.Control.Services;

namespace Monitor.Control.Tui.Views;

/// <summary>Turns an exception into one operator-facing line: what failed, why, and (when known) what to do.
/// Never a stack trace.</summary>
public static class ErrorText
{
    public static string For(string what, Exception e) => e switch
    {
        OperationFailedException o => $"{what} failed: {o.Message}",
        AgentException a => $"{what} failed: {a.Message}",
        TimeoutException => $"{what} failed: the agent did not answer in time. Check the server's state (Servers pane) and retry.",
        UnauthorizedAccessException or IOException => $"{what} failed: {e.Message} Check the path and permissions.",
        _ => $"{what} failed: {e.Message}",
    };
}
