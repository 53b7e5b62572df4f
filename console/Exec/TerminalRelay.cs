using Monitor.Control.Agents;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Exec;

/// <summary>The terminal hand-over shared by container exec and host shells: puts the operator's terminal in raw
/// mode, pumps keys and resizes to the agent's stream and its output back to the terminal until the stream ends.</summary>
public static class TerminalRelay
{
    /// <summary>Relays until the stream ends and returns its end frame; an agent error while relaying is turned into
    /// the caller's exception by <paramref name="ended"/>.</summary>
    public static async Task<ExecResult> RunAsync(IExecTerminal terminal, IAgentStream<ExecOutput, ExecResult> stream,
        Func<AgentException, Exception> ended, CancellationToken ct)
    {
        using var raw = terminal.EnterRawMode();
        using var stopInput = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void OnResize() { if (terminal.Size is { } s) _ = stream.SendInputAsync(new ExecInput(Columns: s.Columns, Rows: s.Rows), CancellationToken.None); }
        terminal.Resized += OnResize;
        var input = Task.Run(() => PumpInputAsync(terminal, stream, stopInput.Token), CancellationToken.None);
        try
        {
            await foreach (var output in stream.ReadAllAsync(ct).ConfigureAwait(false))
                await terminal.WriteAsync(Convert.FromBase64String(output.Data), ct).ConfigureAwait(false);
        }
        catch (AgentException e) { throw ended(e); }
        finally
        {
            terminal.Resized -= OnResize;
            await stopInput.CancelAsync().ConfigureAwait(false);
            try { await input.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
        return await stream.Completion.ConfigureAwait(false);
    }

    private static async Task PumpInputAsync(IExecTerminal terminal, IAgentStream<ExecOutput, ExecResult> stream, CancellationToken ct)
    {
        var buffer = new byte[4096];
        while (!ct.IsCancellationRequested)
        {
            var n = await terminal.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (n == 0) { await stream.SendInputAsync(new ExecInput(CloseInput: true), ct).ConfigureAwait(false); return; }
            await stream.SendInputAsync(new ExecInput(Convert.ToBase64String(buffer, 0, n)), ct).ConfigureAwait(false);
        }
    }
}
