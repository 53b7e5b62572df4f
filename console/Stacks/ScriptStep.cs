using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>Runs a stack's scripts (operator-written lines from monitor.toml, given to sh -c) in a directory on the
/// agent with command.run, streaming output; a non-zero exit stops the pipeline.</summary>
public static class ScriptStep
{
    public static async Task RunAsync(IAgentClient client, string step, IReadOnlyList<string> scripts, string workingDirectory, IProgress<StackOutput> output, CancellationToken ct)
    {
        foreach (var script in scripts)
        {
            output.Report(new StackOutput(step, client.ServerName, "stdout", $"$ {script}"));
            var result = await AgentStreams.RunAsync<CommandRunRequest, CommandResult>(client, AgentMethods.CommandRun,
                new CommandRunRequest(script, [], workingDirectory, TimeoutSeconds: 1800, Shell: true), step, output, ct).ConfigureAwait(false);
            if (result.ExitCode != 0 || result.TimedOut)
                throw new OperationFailedException($"{step} `{script}` on {client.ServerName} {(result.TimedOut ? "timed out" : $"exited with code {result.ExitCode}")}; see its output above and fix the script in monitor.toml", "script_failed");
        }
    }
}
