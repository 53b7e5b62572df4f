using Monitor.Agent.Commands;
using Monitor.Agent.Containers;
using Monitor.Agent.Dispatch;
using Monitor.Agent.Host;

namespace Monitor.Agent.Hosting;

/// <summary>The one place that registers every area's methods. A new area adds one line here.</summary>
public static class HandlerSetup
{
    public static HandlerRegistry CreateRegistry(AgentServices services)
    {
        var registry = new HandlerRegistry();
        HostHandlers.Register(registry, services);
        ContainerHandlers.Register(registry, services);
        CommandHandlers.Register(registry, services);
        Stacks.StackHandlers.Register(registry, services);
        return registry;
    }
}
