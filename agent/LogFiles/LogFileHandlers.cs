using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.LogFiles;

/// <summary>logfile.* methods: discovery and streaming of app log files, confined to log_file_dirs.</summary>
public static class LogFileHandlers
{
    public static void Register(HandlerRegistry registry, AgentServices services)
    {
        registry.Handle(AgentMethods.LogFileList, async (r, ct) =>
            new LogFileListResponse(LogFileDiscovery.List(await LogFileScope.ForAsync(services.Config, services.Docker, r.Container, ct).ConfigureAwait(false))));
        registry.Handle(AgentMethods.LogFileRead, async (r, writer, ct) =>
            await LogFileReader.StreamAsync(await LogFileScope.ForAsync(services.Config, services.Docker, r.Container, ct).ConfigureAwait(false), r, writer, ct).ConfigureAwait(false));
    }
}
