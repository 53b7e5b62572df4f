using System.Diagnostics;
using System.Text.Json;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Fleet;

/// <summary>host.shell: a login shell on the host in a pseudo-terminal, relayed like container.exec (bytes out as they
/// come; stream.input carries keys, window size and end of input; the end payload is the shell's exit code).
/// The shell runs as the agent's user in its own session with the terminal as controlling tty (util-linux setsid -c),
/// so job control, Ctrl-C and SIGWINCH work. Cancelling the stream hangs the shell up.</summary>
public sealed class HostShellSession(string workDir)
{
    public async Task<ExecResult> RunAsync(HostShellRequest request, IStreamWriter<ExecOutput> writer, CancellationToken ct)
    {
        var shell = request.Shell ?? (File.Exists("/bin/bash") ? "/bin/bash" : "/bin/sh");
        if (!Path.IsPathRooted(shell) || !File.Exists(shell))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"shell '{shell}' is not an absolute path to a program on this host");

        using var terminal = PseudoTerminal.Open(request.Columns is > 0 ? request.Columns.Value : 80, request.Rows is > 0 ? request.Rows.Value : 24);
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = Directory.Exists(Environment.GetEnvironmentVariable("HOME")) ? Environment.GetEnvironmentVariable("HOME")! : workDir,
        };
        // Argument list, not a command line: $0 is the terminal, $1 the shell; sh only wires the terminal to fds 0-2.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid -c \"$1\" -l <>\"$0\" >&0 2>&0");
        start.ArgumentList.Add(terminal.SlavePath);
        start.ArgumentList.Add(shell);
        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start) ?? throw new AgentRequestException(ErrorCodes.Internal, "could not start the shell");
        terminal.CloseSlave();

        using var inputDone = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var input = Task.Run(() => PumpInputAsync(terminal, writer, inputDone.Token), CancellationToken.None);
        var output = Task.Run(() => PumpOutputAsync(terminal, writer, ct), CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // console gone or cancelled: hang the session up (SIGHUP to the shell's process group), then make sure.
            try { Process.Start("kill", ["-HUP", "--", "-" + process.Id])?.WaitForExit(2000); } catch (System.ComponentModel.Win32Exception) { }
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        finally
        {
            await inputDone.CancelAsync().ConfigureAwait(false);
        }
        // The shell exited: what it printed last is still in the terminal; the master reads EIO once it is drained.
        await Task.WhenAny(output, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
        try { await input.ConfigureAwait(false); } catch (OperationCanceledException) { }
        return new ExecResult(process.ExitCode);
    }

    private static async Task PumpOutputAsync(PseudoTerminal terminal, IStreamWriter<ExecOutput> writer, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = terminal.Read(buffer); // blocking, on this pool thread: a pty master has no async I/O in .NET
            if (read <= 0) return;
            await writer.WriteAsync(new ExecOutput(Convert.ToBase64String(buffer, 0, read)), ct).ConfigureAwait(false);
        }
    }

    private static async Task PumpInputAsync(PseudoTerminal terminal, IStreamWriter<ExecOutput> writer, CancellationToken ct)
    {
        await foreach (var element in writer.Input.ReadAllAsync(ct).ConfigureAwait(false))
        {
            ExecInput? input;
            try { input = ProtocolTypeInfo.Deserialize<ExecInput>(element); }
            catch (JsonException) { continue; }
            if (input is null) continue;
            if (input.Data is { Length: > 0 } data)
            {
                byte[] bytes;
                try { bytes = Convert.FromBase64String(data); }
                catch (FormatException) { continue; }
                try { terminal.Write(bytes); }
                catch (IOException) { return; }
            }
            if (input is { Columns: > 0, Rows: > 0 }) terminal.Resize(input.Columns.Value, input.Rows.Value);
            if (input.CloseInput)
            {
                try { terminal.Write([4]); } catch (IOException) { } // Ctrl-D: end of input on a terminal
                return;
            }
        }
    }
}
