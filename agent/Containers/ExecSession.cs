using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Containers;

/// <summary>container.exec: an interactive Docker exec relayed over the stream. Output bytes go out as they come;
/// stream.input frames carry keystrokes, terminal size and end of input; the end payload is the exit code.</summary>
public sealed class ExecSession(DockerClient docker)
{
    public async Task<ExecResult> RunAsync(ContainerExecRequest request, IStreamWriter<ExecOutput> writer, CancellationToken ct)
    {
        var container = ContainerNames.Require(request.Container);
        var command = request.Command is { Count: > 0 } c ? c.ToList() : ["/bin/sh"];
        if (command.Any(string.IsNullOrEmpty))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, "exec: command words must not be empty");
        var created = await DockerCalls.RunAsync($"exec in {container}", () => docker.Exec.CreateContainerExecAsync(container, new ContainerExecCreateParameters
        {
            AttachStdin = true, AttachStdout = true, AttachStderr = true, TTY = request.Tty, Cmd = command,
            Env = request.Tty ? ["TERM=xterm-256color"] : [],
        }, ct)).ConfigureAwait(false);
        using var stream = await DockerCalls.RunAsync($"exec in {container}",
            () => docker.Exec.StartContainerExecAsync(created.ID, new ContainerExecStartParameters { TTY = request.Tty }, ct)).ConfigureAwait(false);
        if (request is { Tty: true, Columns: > 0, Rows: > 0 }) await ResizeAsync(created.ID, request.Columns.Value, request.Rows.Value, ct).ConfigureAwait(false);

        using var inputDone = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var input = Task.Run(() => PumpInputAsync(stream, created.ID, writer, inputDone.Token), CancellationToken.None);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false);
            if (read.EOF || read.Count == 0) break;
            var name = read.Target == MultiplexedStream.TargetStream.StandardError ? "stderr" : "stdout";
            await writer.WriteAsync(new ExecOutput(Convert.ToBase64String(buffer, 0, read.Count), name), ct).ConfigureAwait(false);
        }
        await inputDone.CancelAsync().ConfigureAwait(false);
        try { await input.ConfigureAwait(false); } catch (OperationCanceledException) { }
        var inspect = await docker.Exec.InspectContainerExecAsync(created.ID, ct).ConfigureAwait(false);
        return new ExecResult((int)(inspect.ExitCode ?? -1));
    }

    private async Task PumpInputAsync(MultiplexedStream stream, string execId, IStreamWriter<ExecOutput> writer, CancellationToken ct)
    {
        await foreach (var element in writer.Input.ReadAllAsync(ct).ConfigureAwait(false))
        {
            ExecInput? input;
            try { input = ProtocolTypeInfo.Deserialize<ExecInput>(element); }
            catch (JsonException) { continue; }
            if (input is null) continue;
            if (input.Data is { Length: > 0 } data)
            {
                var bytes = Convert.FromBase64String(data);
                await stream.WriteAsync(bytes, 0, bytes.Length, ct).ConfigureAwait(false);
            }
            if (input is { Columns: > 0, Rows: > 0 }) await ResizeAsync(execId, input.Columns.Value, input.Rows.Value, ct).ConfigureAwait(false);
            if (input.CloseInput) { stream.CloseWrite(); return; }
        }
    }

    private async Task ResizeAsync(string execId, int columns, int rows, CancellationToken ct)
    {
        try { await docker.Exec.ResizeExecTtyAsync(execId, new ContainerResizeParameters { Width = columns, Height = rows }, ct).ConfigureAwait(false); }
        catch (DockerApiException) { /* a session that already ended cannot be resized; nothing to do */ }
    }
}
