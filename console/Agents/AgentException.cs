using Monitor.Shared.Protocol;

namespace Monitor.Control.Agents;

/// <summary>A request or stream failed; <see cref="Code"/> is one of <see cref="ErrorCodes"/>.</summary>
public sealed class AgentException(string server, string code, string message)
    : Exception($"{server}: {message}")
{
    public string Server { get; } = server;
    public string Code { get; } = code;
}
