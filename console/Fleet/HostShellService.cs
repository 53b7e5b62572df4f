using Monitor.Control.Agents;
using Monitor.Control.Exec;
using Monitor.Control.Services;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Fleet;

/// <summary>`monitor shell SERVER`: an interactive shell on the server's host through its agent (admin role only),
/// with the same terminal hand-over as container exec. Recorded in the history with its duration and exit code;
/// what was typed and shown is not stored.</summary>
public sealed class HostShellService(ServerDirectory directory, ActionRecorder recorder)
{
    /// <summary>The "container" the TUI's exec hand-over carries for a host shell (t in the Servers pane).</summary>
    public const string TuiTarget = "";

    public async Task<int> RunAsync(string server, IExecTerminal terminal, CancellationToken ct)
    {
        var client = await directory.ConnectedClientAsync(server, ct).ConfigureAwait(false);
        if (client is IAgentIdentity { Role: { } role } && role != "admin")
            throw new OperationFailedException(
                $"a host shell needs the admin role on {server}; this console's key is {role} there (role= on its authorized_keys line)", ErrorCodes.Forbidden);
        var size = terminal.Size;
        var request = new HostShellRequest(null, size?.Columns, size?.Rows);
        var started = DateTimeOffset.UtcNow;
        return await recorder.RecordAsync(FleetActionTypes.HostShell, server, null, "host", new Dictionary<string, string>(), async action =>
        {
            IAgentStream<ExecOutput, ExecResult> stream;
            try { stream = await client.OpenStreamAsync(AgentMethods.HostShell, request, ct).ConfigureAwait(false); }
            catch (AgentException e) { throw new OperationFailedException($"shell on {server}: {e.Message}", e.Code, e); }
            await using (stream.ConfigureAwait(false))
            {
                var result = await TerminalRelay.RunAsync(terminal, stream, e => new OperationFailedException($"shell on {server} ended: {e.Message}", e.Code, e), ct).ConfigureAwait(false);
                action.SetResult("exitCode", result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                action.SetResult("seconds", (DateTimeOffset.UtcNow - started).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
                return result.ExitCode;
            }
        }, ct).ConfigureAwait(false);
    }
}
