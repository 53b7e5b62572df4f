using Monitor.Shared.Protocol;

namespace Monitor.Control.Fleet;

/// <summary>What this console's key may do on a server, as its agent said at the handshake (the agent enforces it;
/// the console greys what would be refused and says why).</summary>
public static class KeyRoleGate
{
    public static AgentRole? Parse(string? role) => role switch
    {
        "viewer" => AgentRole.Viewer,
        "operator" => AgentRole.Operator,
        "admin" => AgentRole.Admin,
        _ => null,
    };

    /// <summary>Unknown role (not connected yet, or an agent older than roles): allowed; the agent decides.</summary>
    public static bool Allows(AgentRole? have, AgentRole? needs) => needs is null || have is null || have >= needs;

    public static string Name(AgentRole role) => role.ToString().ToLowerInvariant();

    /// <summary>"your key is viewer on web-01: stop needs operator".</summary>
    public static string Refusal(string server, AgentRole have, AgentRole needs, string action) =>
        $"your key is {Name(have)} on {server}: {action.ToLowerInvariant()} needs {Name(needs)}";
}
