using Monitor.Agent.Commands;
using Monitor.Agent.Dispatch;
using Monitor.Agent.Docker;
using Monitor.Agent.HostInfo;

namespace Monitor.Agent.Hosting;

/// <summary>The one place every area registers its protocol methods.</summary>
internal static class HandlerSetup
{
    public static HandlerRegistry Create(AgentServices services, HostMetricsSampler sampler)
    {
        var registry = new HandlerRegistry();
        HostHandlers.Register(registry, services, sampler);
        ContainerHandlers.Register(registry, services);
        CommandHandlers.Register(registry, services);
        return registry;
    }
}
