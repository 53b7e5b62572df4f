using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Fleet;

/// <summary>The fleet area's methods: the agent's own authorized_keys and the host shell (admin only, see the descriptors).</summary>
public static class FleetHandlers
{
    public static void Register(HandlerRegistry registry, AgentServices services)
    {
        var keys = new AuthorizedKeysFile(services.Config.AuthorizedKeys);
        registry.Handle(AgentMethods.KeysList, (_, _) => Task.FromResult(keys.List()));
        registry.Handle(AgentMethods.KeysAdd, keys.AddAsync);
        registry.Handle(AgentMethods.KeysRemove, keys.RemoveAsync);
        registry.Handle(AgentMethods.HostShell, new HostShellSession(services.Config.WorkDir).RunAsync);
    }
}
