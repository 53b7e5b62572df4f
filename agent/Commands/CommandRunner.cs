using System.ComponentModel;
using System.Diagnostics;
using System.Threading.Channels;
using Monitor.Agent.Dispatch;
using Monitor.Agent.Logs;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Commands;

/// <summary>The agent's one process pipeline. command.run: starts a program with an argument list (no shell unless
/// Shell=true, then <c>/bin/sh -c FILE</c> with Args as $0, $1, ...); compose runs its tool through the same
/// <see cref="RunAsync(ProcessStartInfo, int?, Func{OutputBatch, CancellationToken, ValueTask}, CancellationToken)"/>.
/// stdout and stderr are streamed apart in batches through a bounded channel (a slow reader slows the process, memory
/// stays bounded), and on timeout or cancel the whole process tree is killed.</summary>
public sealed class CommandRunner(string defaultWorkingDirectory)
{
    private const int ChannelCapacity = 4096;

    public Task<CommandResult> RunAsync(CommandRunRequest request, IStreamWriter<OutputBatch> writer, CancellationToken ct) =>
        RunAsync(BuildStartInfo(request), request.TimeoutSeconds, writer.WriteAsync, ct);

    /// <summary>Runs <paramref name="start"/> (output redirected here) and sends its output to <paramref name="emit"/>.
    /// A program that cannot be started is <see cref="ErrorCodes.NotFound"/>.</summary>
    public async Task<CommandResult> RunAsync(ProcessStartInfo start, int? timeoutSeconds, Func<OutputBatch, CancellationToken, ValueTask> emit, CancellationToken ct)
    {
        start.RedirectStandardInput = start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = new Process { StartInfo = start };
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (!process.Start()) throw new AgentRequestException(ErrorCodes.Internal, $"could not start '{start.FileName}'");
        }
        catch (Win32Exception ex)
        {
            throw new AgentRequestException(ErrorCodes.NotFound, $"cannot run '{start.FileName}': {ex.Message}; check the path and that it is executable");
        }
        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource();
        if (timeoutSeconds is > 0) timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds.Value));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);

        var chunks = Channel.CreateBounded<OutputChunk>(new BoundedChannelOptions(ChannelCapacity) { SingleReader = true });
        var stdout = PumpAsync(process.StandardOutput, "stdout", chunks.Writer);
        var stderr = PumpAsync(process.StandardError, "stderr", chunks.Writer);
        var pumps = Task.WhenAll(stdout, stderr).ContinueWith(_ => chunks.Writer.TryComplete(), TaskScheduler.Default);
        var sender = Batcher.RunAsync(chunks.Reader, 1000, TimeSpan.FromMilliseconds(50),
            batch => emit(new OutputBatch(batch), ct), ct);

        try
        {
            await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            if (!timeout.IsCancellationRequested)
            {
                await pumps.ConfigureAwait(false);
                throw; // cancelled by the console (or the connection closed)
            }
        }

        await pumps.ConfigureAwait(false);
        await sender.ConfigureAwait(false);
        var duration = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new CommandResult(process.ExitCode, timeout.IsCancellationRequested, Math.Round(duration, 3));
    }

    private ProcessStartInfo BuildStartInfo(CommandRunRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.File))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, "command.run needs 'file': the program to run (or the script when shell is true)");
        if (!request.Shell && request.File.StartsWith('-'))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"program '{request.File}' starts with '-'; give a program name or path");
        var workingDirectory = string.IsNullOrWhiteSpace(request.WorkingDirectory) ? defaultWorkingDirectory : request.WorkingDirectory;
        if (!Directory.Exists(workingDirectory))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"working directory '{workingDirectory}' does not exist on this server");

        var start = new ProcessStartInfo { FileName = request.Shell ? "/bin/sh" : request.File, WorkingDirectory = workingDirectory };
        if (request.Shell)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(request.File);
        }
        foreach (var arg in request.Args ?? []) start.ArgumentList.Add(arg);
        foreach (var (key, value) in request.Env ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return start;
    }

    private static async Task PumpAsync(StreamReader reader, string stream, ChannelWriter<OutputChunk> output)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
            await output.WriteAsync(new OutputChunk(stream, new string(buffer, 0, read))).ConfigureAwait(false);
    }

    private static void KillTree(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // already exited
        catch (Win32Exception) { }
    }
}
