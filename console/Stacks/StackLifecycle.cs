using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>start / stop / restart / remove of a stack's container on every target (compose stacks: up / down).</summary>
public sealed class StackLifecycle(ServerDirectory targets, StackOperation operation)
{
    public Task<IReadOnlyList<StackTargetResult>> StartAsync(StackConfig stack, IProgress<StackOutput>? output, CancellationToken ct) =>
        RunAsync(StackActionTypes.Start, stack, output, (client, log) => stack.Compose is not null
            ? ComposeStep.UpAsync(client, stack, log, ct)
            : ContainerAsync(client, stack, AgentMethods.ContainerStart, new ContainerRef(ContainerSpecFactory.ContainerName(stack, client.ServerName)), log, ct), ct);

    public Task<IReadOnlyList<StackTargetResult>> StopAsync(StackConfig stack, IProgress<StackOutput>? output, CancellationToken ct) =>
        RunAsync(StackActionTypes.Stop, stack, output, (client, log) => stack.Compose is not null
            ? ComposeStep.DownAsync(client, stack, log, ct)
            : ContainerAsync(client, stack, AgentMethods.ContainerStop, new ContainerStopRequest(ContainerSpecFactory.ContainerName(stack, client.ServerName)), log, ct), ct);

    public Task<IReadOnlyList<StackTargetResult>> RestartAsync(StackConfig stack, IProgress<StackOutput>? output, CancellationToken ct) =>
        RunAsync(StackActionTypes.Restart, stack, output, async (client, log) =>
        {
            if (stack.Compose is null)
                return await ContainerAsync(client, stack, AgentMethods.ContainerRestart, new ContainerStopRequest(ContainerSpecFactory.ContainerName(stack, client.ServerName)), log, ct).ConfigureAwait(false);
            await ComposeStep.DownAsync(client, stack, log, ct).ConfigureAwait(false);
            return await ComposeStep.UpAsync(client, stack, log, ct).ConfigureAwait(false);
        }, ct);

    /// <summary>`restart --pull` of a compose stack: pull newer images and recreate only the changed services.</summary>
    public Task<IReadOnlyList<StackTargetResult>> RestartPullingAsync(StackConfig stack, IProgress<StackOutput>? output, CancellationToken ct) =>
        stack.Compose is null
            ? throw new Services.OperationFailedException($"stack {stack.Name} runs one image, not a compose project; `monitor stack deploy {stack.Name}` pulls and replaces its container", "invalid_argument")
            : RunAsync(StackActionTypes.Restart, stack, output, (client, log) => ComposeStep.PullAndUpAsync(client, stack, log, ct), ct, pull: true);

    public Task<IReadOnlyList<StackTargetResult>> RemoveAsync(StackConfig stack, IProgress<StackOutput>? output, CancellationToken ct) =>
        RunAsync(StackActionTypes.Remove, stack, output, (client, log) => stack.Compose is not null
            ? ComposeStep.DownAsync(client, stack, log, ct)
            : ContainerAsync(client, stack, AgentMethods.ContainerRemove, new ContainerRemoveRequest(ContainerSpecFactory.ContainerName(stack, client.ServerName), Force: true), log, ct), ct);

    private Task<IReadOnlyList<StackTargetResult>> RunAsync(string type, StackConfig stack, IProgress<StackOutput>? output,
        Func<IAgentClient, StackActionLog, Task<StackTargetResult>> perTarget, CancellationToken ct, bool pull = false)
    {
        var servers = stack.Deploy?.Targets ?? [];
        var parameters = new Dictionary<string, string> { ["targets"] = string.Join(",", servers) };
        if (pull) parameters["pull"] = "true";
        return operation.RunAsync<IReadOnlyList<StackTargetResult>>(type, stack, servers.FirstOrDefault(), parameters, output, async log =>
        {
            var results = await Task.WhenAll(servers.Select(async server =>
            {
                try
                {
                    var client = await targets.ClientAsync(server, ct).ConfigureAwait(false);
                    return await perTarget(client, log).ConfigureAwait(false);
                }
                catch (AgentException ex)
                {
                    log.Report(new StackOutput(type, server, "stderr", ex.Message));
                    return new StackTargetResult(server, false, false, ContainerSpecFactory.ContainerName(stack, server), "", ex.Message);
                }
            })).ConfigureAwait(false);
            var failed = results.Where(r => !r.Success).ToList();
            return ((IReadOnlyList<StackTargetResult>)results, failed.Count == 0,
                failed.Count == 0 ? null : $"{type} of {stack.Name} failed on {string.Join(", ", failed.Select(f => $"{f.Server} ({f.Message})"))}");
        }, ct);
    }

    private static async Task<StackTargetResult> ContainerAsync<TReq>(IAgentClient client, StackConfig stack, RequestMethod<TReq, ContainerActionResult> method, TReq request, StackActionLog log, CancellationToken ct)
    {
        var result = await client.RequestAsync(method, request, ct: ct).ConfigureAwait(false);
        log.Report(new StackOutput(method.Name, client.ServerName, "stdout", $"{result.Name}: {result.State}"));
        return new StackTargetResult(client.ServerName, true, false, result.Name, "", result.State);
    }
}
