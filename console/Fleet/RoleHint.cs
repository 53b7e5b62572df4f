namespace Monitor.Control.Fleet;

/// <summary>What a role may not do, said for people (the agent refuses the rest with a forbidden error).</summary>
public static class RoleHint
{
    public static string For(string role) => role switch
    {
        "viewer" => "read only: no start/stop/restart/remove, deploys, commands, exec or host shell",
        "operator" => "no commands, exec, host shell or key changes",
        _ => "",
    };
}
