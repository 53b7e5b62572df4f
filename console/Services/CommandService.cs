using Monitor.Control.Agents;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

public sealed class CommandService(ServerDirectory directory, ActionRecorder recorder) : ICommandService
{
    public async Task<CommandResult> RunAsync(string server, CommandRunRequest request, IProgress<OutputChunk>? output = null, CancellationToken ct = default)
    {
        var client = await directory.ConnectedClientAsync(server, ct).ConfigureAwait(false);
        var parameters = new Dictionary<string, string> { ["command"] = string.Join(' ', new[] { request.File }.Concat(request.Args)) };
        if (request.Shell) parameters["shell"] = "true";
        var target = request.File;
        var recorded = await recorder.StartAsync(ActionTypes.CommandRun, server, null, target, parameters, ct).ConfigureAwait(false);
        try
        {
            await using var stream = await client.OpenStreamAsync(AgentMethods.CommandRun, request, ct).ConfigureAwait(false);
            await foreach (var batch in stream.ReadAllAsync(ct).ConfigureAwait(false))
                foreach (var chunk in batch.Chunks)
                {
                    recorded.AppendOutput(chunk.Text);
                    output?.Report(chunk);
                }
            var result = await stream.Completion.ConfigureAwait(false);
            recorded.SetResult("exitCode", result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (result.TimedOut) recorded.SetResult("timedOut", "true");
            if (result.ExitCode == 0) await recorded.SucceedAsync().ConfigureAwait(false);
            else await recorded.FailAsync(result.TimedOut ? "timed out" : $"exit code {result.ExitCode}").ConfigureAwait(false);
            return result;
        }
        catch (AgentException e)
        {
            await recorded.FailAsync(e.Message).ConfigureAwait(false);
            throw new OperationFailedException(e.Message, e.Code, e);
        }
        catch (OperationCanceledException)
        {
            await recorded.FailAsync("cancelled").ConfigureAwait(false);
            throw;
        }
    }
}
