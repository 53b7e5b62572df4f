namespace Monitor.Shared.Models;

/// <summary>History types of stack operations.</summary>
public static class StackActionTypes
{
    public const string Pull = "stack.pull";
    public const string Build = "stack.build";
    public const string Deploy = "stack.deploy";
    public const string Rollback = "stack.rollback";
    public const string Start = "stack.start";
    public const string Stop = "stack.stop";
    public const string Restart = "stack.restart";
    public const string Remove = "stack.remove";
    public const string Sync = "stack.sync";
    public const string RegistryDeploy = "registry.deploy";
}
