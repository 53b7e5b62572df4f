using Monitor.Control.Agents;
using Monitor.Control.Store;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

public sealed class CommandService(IStateStore store, IAgentClientFactory agents, ActionRecorder recorder) : ICommandService
{
    private readonly ServerDirectory _directory = new(store, agents);

    public async Task<CommandResult> RunAsync(string server, CommandRunRequest request, IProgress<OutputChunk>? output = null, CancellationToken ct = default)
    {
        var client = await _directory.ClientAsync(server, ct).ConfigureAwait(false);
        var target = request.Shell ? request.File : string.Join(' ', new[] { request.File }.Concat(request.Args));
        var parameters = new Dictionary<string, string>
        {
            ["file"] = request.File,
            ["args"] = string.Join(' ', request.Args),
            ["shell"] = request.Shell ? "true" : "false",
        };
        if (request.TimeoutSeconds is { } timeout) parameters["timeout_seconds"] = timeout.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (request.WorkingDirectory is not null) parameters["working_directory"] = request.WorkingDirectory;
        foreach (var (name, value) in request.Env ?? new Dictionary<string, string>())
            parameters["env." + name] = ActionRecorder.LooksSecret(name) ? ActionRecorder.Mask : value;

        return await recorder.RunAsync(ActionTypes.CommandRun, server, target, parameters, async (scope, token) =>
        {
            await using var stream = await client.OpenStreamAsync<CommandRunRequest, OutputBatch, CommandResult>(Methods.CommandRun, request, token).ConfigureAwait(false);
            await foreach (var batch in stream.ReadAllAsync(token).ConfigureAwait(false))
            {
                foreach (var chunk in batch.Chunks)
                {
                    scope.AppendOutput(chunk.Text);
                    output?.Report(chunk);
                }
            }
            var result = await stream.Completion.ConfigureAwait(false);
            scope.SetResult("exit_code", result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (result.TimedOut) scope.SetResult("timed_out", "true");
            if (result.ExitCode != 0 || result.TimedOut)
            {
                scope.SuccessOverride = false;
                scope.ErrorOverride = result.TimedOut
                    ? $"timed out after {result.DurationSeconds:0.#} s"
                    : $"exited with code {result.ExitCode}";
            }
            return result;
        }, ct: ct).ConfigureAwait(false);
    }
}
