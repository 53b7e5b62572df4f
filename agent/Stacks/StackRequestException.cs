namespace Monitor.Agent.Stacks;

/// <summary>A stack request failed for a reason the console can show; <see cref="Code"/> is one of ErrorCodes.</summary>
public sealed class StackRequestException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
