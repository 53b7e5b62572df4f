namespace Monitor.Agent.Dispatch;

/// <summary>Thrown by handlers for a structured error answer; <see cref="Code"/> is one of ErrorCodes.</summary>
public sealed class AgentRequestException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
