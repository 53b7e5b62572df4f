using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.LogShipping;

/// <summary>logship.* methods: what central log keeping needs beyond the log streams other areas serve.</summary>
public static class LogShippingHandlers
{
    public static void Register(HandlerRegistry registry, AgentServices services)
    {
        var appsDir = Path.Combine(services.Config.WorkDir, "apps");
        registry.Handle(AgentMethods.AppLogShip, (r, writer, ct) => AppLogShipper.StreamAsync(appsDir, r, writer, ct));
    }
}
