namespace Monitor.Shared.Protocol;

public static partial class AgentMethods
{
    // server clone: a container's run spec from inspect, env values included (they may be secrets: admin only)
    public static readonly RequestMethod<ContainerRef, ContainerRunSpec> ContainerRunSpecOf = new("container.runspec", AgentRole.Admin);
}
