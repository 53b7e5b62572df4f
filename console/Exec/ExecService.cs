using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Exec;

/// <summary>Relays an interactive exec session between the operator's terminal and a container, through the agent.
/// Recorded in the history (command and exit code; what was typed and shown is not stored).</summary>
public sealed class ExecService(ServerDirectory directory, ActionRecorder recorder)
{
    public const string ActionType = "container.exec";

    public async Task<int> RunAsync(string server, string container, IReadOnlyList<string> command, IExecTerminal terminal, CancellationToken ct)
    {
        var client = await directory.ConnectedClientAsync(server, ct).ConfigureAwait(false);
        var tty = terminal.IsInteractive;
        var size = terminal.Size;
        var request = new ContainerExecRequest(container, command.Count > 0 ? command : null, tty, size?.Columns, size?.Rows);
        var parameters = new Dictionary<string, string> { ["command"] = command.Count > 0 ? string.Join(' ', command) : "/bin/sh" };
        return await recorder.RecordAsync(ActionType, server, null, container, parameters, async action =>
        {
            IAgentStream<ExecOutput, ExecResult> stream;
            try { stream = await client.OpenStreamAsync(AgentMethods.ContainerExec, request, ct).ConfigureAwait(false); }
            catch (AgentException e) { throw Failure(e.Message, e, server, container); }
            await using (stream.ConfigureAwait(false))
            {
                var result = await TerminalRelay.RunAsync(terminal, stream, e => Failure($"exec in {container} ended: {e.Message}", e, server, container), ct).ConfigureAwait(false);
                action.SetResult("exitCode", result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return result.ExitCode;
            }
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Docker answers 409 (conflict) for an exec into a container that is not running: say how to start it.</summary>
    private static OperationFailedException Failure(string message, AgentException e, string server, string container) =>
        new(e.Code == ErrorCodes.Conflict
            ? $"{message}; start it first (`s` in the Containers pane, or `monitor container start {container} --server {server}`)"
            : message, e.Code, e);
}
