using Monitor.Shared.Protocol;
using Monitor.Shared.Security;

namespace Monitor.Agent.Fleet;

/// <summary>The role check of one connection: each method's descriptor names the least role it needs, the key's
/// authorized_keys line names the role it has. Checked by the dispatcher before a payload is even read.</summary>
public sealed class RoleGate(AgentRole role, string keyName)
{
    public static readonly RoleGate Everything = new(AgentRole.Admin, "(in-process)");

    public AgentRole Role { get; } = role;

    /// <summary>Null when allowed; else the message of the forbidden error.</summary>
    public string? Refusal(AgentMethod method) =>
        method.Role <= Role ? null
        : $"{method.Name} needs the {AuthorizedKey.RoleText(method.Role)} role; this console's key '{keyName}' is {AuthorizedKey.RoleText(Role)} on this agent. " +
          $"An admin of the agent can raise it with role={AuthorizedKey.RoleText(method.Role)} on the key's authorized_keys line";
}
