namespace Monitor.Agent.Dispatch;

/// <summary>Thrown by handlers for a structured error the console should see: <paramref name="code"/> is one of
/// <see cref="Monitor.Shared.Protocol.ErrorCodes"/>, <paramref name="message"/> says what failed, why and what to do.</summary>
public sealed class AgentRequestException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
