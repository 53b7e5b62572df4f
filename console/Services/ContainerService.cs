using Monitor.Control.Agents;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

public sealed class ContainerService(ServerDirectory directory, ActionRecorder recorder) : IContainerService
{
    public async Task<IReadOnlyList<ContainerSummary>> ListAsync(string server, bool all = true, CancellationToken ct = default)
    {
        var client = await directory.ClientAsync(server, ct).ConfigureAwait(false);
        var list = await AgentCalls.GuardAsync(() => client.RequestAsync(AgentMethods.ContainerList, new ContainerListRequest(all), null, ct)).ConfigureAwait(false);
        return list.Containers;
    }

    public async Task<ContainerDetails> InspectAsync(string server, string container, CancellationToken ct = default)
    {
        var client = await directory.ClientAsync(server, ct).ConfigureAwait(false);
        return await AgentCalls.GuardAsync(() => client.RequestAsync(AgentMethods.ContainerInspect, new ContainerRef(container), null, ct)).ConfigureAwait(false);
    }

    public async Task<ContainerStats> StatsAsync(string server, string container, CancellationToken ct = default)
    {
        var client = await directory.ClientAsync(server, ct).ConfigureAwait(false);
        return await AgentCalls.GuardAsync(() => client.RequestAsync(AgentMethods.ContainerStats, new ContainerRef(container), null, ct)).ConfigureAwait(false);
    }

    public Task<ContainerActionResult> StartAsync(string server, string container, CancellationToken ct = default) =>
        ActAsync(ActionTypes.ContainerStart, AgentMethods.ContainerStart, server, container, new ContainerRef(container), null, ct);

    public Task<ContainerActionResult> StopAsync(string server, string container, CancellationToken ct = default) =>
        ActAsync(ActionTypes.ContainerStop, AgentMethods.ContainerStop, server, container, new ContainerStopRequest(container), null, ct);

    public Task<ContainerActionResult> RestartAsync(string server, string container, CancellationToken ct = default) =>
        ActAsync(ActionTypes.ContainerRestart, AgentMethods.ContainerRestart, server, container, new ContainerStopRequest(container), null, ct);

    public Task<ContainerActionResult> RemoveAsync(string server, string container, bool force = false, CancellationToken ct = default) =>
        ActAsync(ActionTypes.ContainerRemove, AgentMethods.ContainerRemove, server, container, new ContainerRemoveRequest(container, force),
            new Dictionary<string, string> { ["force"] = force ? "true" : "false" }, ct);

    private async Task<ContainerActionResult> ActAsync<TRequest>(string type, RequestMethod<TRequest, ContainerActionResult> method, string server, string container, TRequest request,
        IReadOnlyDictionary<string, string>? parameters, CancellationToken ct)
    {
        var client = await directory.ConnectedClientAsync(server, ct).ConfigureAwait(false);
        return await recorder.RecordAsync(type, server, null, container, parameters, async action =>
        {
            var result = await AgentCalls.GuardAsync(() => client.RequestAsync(method, request, null, ct)).ConfigureAwait(false);
            action.AppendOutput($"{result.Name} ({result.Id[..Math.Min(12, result.Id.Length)]}): {result.State}\n");
            action.SetResult("state", result.State);
            return result;
        }, ct).ConfigureAwait(false);
    }
}
