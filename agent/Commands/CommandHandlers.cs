using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Commands;

/// <summary>command.run (a stream: output batches, then the exit code). It has no dispatcher timeout: the request's
/// own TimeoutSeconds applies, and the console can cancel it.</summary>
public static class CommandHandlers
{
    public static void Register(HandlerRegistry registry, AgentServices services)
    {
        var workDir = Directory.Exists(services.Config.WorkDir) ? services.Config.WorkDir : Path.GetTempPath();
        var runner = new CommandRunner(workDir);
        registry.Handle(AgentMethods.CommandRun, runner.RunAsync);
    }
}
