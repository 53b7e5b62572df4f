using Monitor.Shared.Protocol;

namespace Monitor.Control.Tui.Input;

/// <summary>The server a pane's keys act on now and the role this console's key has there (null: not known).</summary>
public sealed record RoleScope(string Server, AgentRole? Role);
