using System.Diagnostics;
using System.Threading.Channels;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Commands;

/// <summary>command.run: a program with an argument list (no shell unless asked), output streamed in batches,
/// exit code at the end; timeout and cancel kill the whole process tree.</summary>
public static class CommandHandlers
{
    public static void Register(HandlerRegistry registry, AgentServices services) =>
        registry.Stream<CommandRunRequest, OutputBatch, CommandResult>(Methods.CommandRun, (req, writer, ct) => RunAsync(req, writer, ct));

    public static async Task<CommandResult> RunAsync(CommandRunRequest request, IStreamWriter<OutputBatch> writer, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.File))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, "command.run needs a program to run");
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = request.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        if (request.Shell) { info.FileName = "/bin/sh"; info.ArgumentList.Add("-c"); info.ArgumentList.Add(request.File); foreach (var a in request.Args) info.ArgumentList.Add(a); }
        else { info.FileName = request.File; foreach (var a in request.Args) info.ArgumentList.Add(a); }
        foreach (var (k, v) in request.Env ?? new Dictionary<string, string>()) info.Environment[k] = v;

        var started = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        try { process.Start(); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AgentRequestException(ErrorCodes.NotFound, $"cannot start '{request.File}': {e.Message}");
        }
        process.StandardInput.Close();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (request.TimeoutSeconds is > 0 and var seconds) timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        var chunks = Channel.CreateUnbounded<OutputChunk>(new UnboundedChannelOptions { SingleReader = true });
        var pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput, "stdout", chunks.Writer),
            PumpAsync(process.StandardError, "stderr", chunks.Writer))
            .ContinueWith(_ => chunks.Writer.TryComplete(), TaskScheduler.Default);
        var sender = Task.Run(async () =>
        {
            await foreach (var batch in Batcher.ReadBatchesAsync(chunks.Reader, 256, TimeSpan.FromMilliseconds(50), CancellationToken.None).ConfigureAwait(false))
                await writer.WriteAsync(new OutputBatch(batch), CancellationToken.None).ConfigureAwait(false);
        }, CancellationToken.None);

        var timedOut = false;
        try { await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false); }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            if (ct.IsCancellationRequested) { await pumps.ConfigureAwait(false); await sender.ConfigureAwait(false); ct.ThrowIfCancellationRequested(); }
            timedOut = true;
        }
        await pumps.ConfigureAwait(false);
        await sender.ConfigureAwait(false);
        return new CommandResult(timedOut ? -1 : process.ExitCode, timedOut, Math.Round(started.Elapsed.TotalSeconds, 3));
    }

    private static async Task PumpAsync(StreamReader reader, string stream, ChannelWriter<OutputChunk> output)
    {
        var buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
            output.TryWrite(new OutputChunk(stream, new string(buffer, 0, n)));
    }
}
