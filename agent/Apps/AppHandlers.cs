using Microsoft.Extensions.Logging;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Apps;

/// <summary>app.* methods over the <see cref="AppSupervisor"/>.</summary>
public static class AppHandlers
{
    public static void Register(HandlerRegistry registry, AgentServices services)
    {
        var supervisor = new AppSupervisor(services.Config.WorkDir, services.Config.AppsCgroup,
            services.Logging.CreateLogger("Monitor.Agent.Apps"), services.Stopping);
        supervisor.StartAsync().GetAwaiter().GetResult();

        registry.Handle(AgentMethods.AppList, (_, _) => Task.FromResult(new AppListResponse(supervisor.List())));
        registry.Handle(AgentMethods.AppShow, (r, _) => Task.FromResult(supervisor.Show(r.Name)));
        registry.Handle(AgentMethods.AppStart, (r, ct) => supervisor.Get(r.Name).StartAsync(ct));
        registry.Handle(AgentMethods.AppStop, (r, ct) => supervisor.Get(r.Name).StopAsync(ct));
        registry.Handle(AgentMethods.AppRestart, (r, ct) => supervisor.Get(r.Name).RestartAsync(ct));
        registry.Handle(AgentMethods.AppRemove, (r, ct) => supervisor.RemoveAsync(r.Name, ct));
        registry.Handle(AgentMethods.AppApply, supervisor.ApplyAsync);
        registry.Handle(AgentMethods.AppLogs, (r, writer, ct) => AppLogReader.StreamAsync(supervisor.Get(r.Name).Paths, r, writer, ct));
    }
}
