using Monitor.Agent.Commands;
using Monitor.Agent.Containers;
using Monitor.Agent.Dispatch;
using Monitor.Agent.Host;
using Monitor.Shared.Protocol;

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
        DockerViews.DockerViewHandlers.Register(registry, services);
        Watch.WatchHandlers.Register(registry, services);
        Routes.RouteHandlers.Register(registry, services);
        Apps.AppHandlers.Register(registry, services);
        LogFiles.LogFileHandlers.Register(registry, services);
        Fleet.FleetHandlers.Register(registry, services);
        Volumes.VolumeHandlers.Register(registry, services);
        Fleet.UpgradeHandlers.Register(registry, services);
        Fleet.CloneRunSpec.Register(registry, services);
        LogShipping.LogShippingHandlers.Register(registry, services);
        var missing = AgentMethods.All.Select(m => m.Name).Except(registry.Methods, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"no handler registered for {string.Join(", ", missing)}; every descriptor in AgentMethods needs one");
        return registry;
    }
}
