namespace Monitor.Shared.Protocol;

public static partial class AgentMethods
{
    // fleet: the agent's own authorized_keys (key rotation)
    public static readonly RequestMethod<KeyListRequest, KeyListResult> KeysList = new("keys.list", AgentRole.Admin);
    public static readonly RequestMethod<KeyAddRequest, KeyChangeResult> KeysAdd = new("keys.add", AgentRole.Admin);
    public static readonly RequestMethod<KeyRemoveRequest, KeyChangeResult> KeysRemove = new("keys.remove", AgentRole.Admin);

    // fleet: an interactive shell on the host itself
    public static readonly DuplexStreamMethod<HostShellRequest, ExecOutput, ExecResult, ExecInput> HostShell = new("host.shell", AgentRole.Admin);
}
