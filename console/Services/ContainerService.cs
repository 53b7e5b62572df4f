using Monitor.Control.Agents;
using Monitor.Control.Store;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

public sealed class ContainerService(IStateStore store, IAgentClientFactory agents, ActionRecorder recorder) : IContainerService
{
    private readonly ServerDirectory _directory = new(store, agents);

    public async Task<IReadOnlyList<ContainerSummary>> ListAsync(string server, bool all = true, CancellationToken ct = default)
    {
        var response = await RequestAsync<ContainerListRequest, ContainerListResponse>(server, Methods.ContainerList, new ContainerListRequest(all), "container list", ct).ConfigureAwait(false);
        return response.Containers;
    }

    public Task<ContainerDetails> InspectAsync(string server, string container, CancellationToken ct = default) =>
        RequestAsync<ContainerRef, ContainerDetails>(server, Methods.ContainerInspect, new ContainerRef(container), $"container inspect {container}", ct);

    public Task<ContainerStats> StatsAsync(string server, string container, CancellationToken ct = default) =>
        RequestAsync<ContainerRef, ContainerStats>(server, Methods.ContainerStats, new ContainerRef(container), $"container stats {container}", ct);

    public Task<ContainerActionResult> StartAsync(string server, string container, CancellationToken ct = default) =>
        ActAsync(server, container, ActionTypes.ContainerStart, Methods.ContainerStart, new ContainerRef(container), null, ct);

    public Task<ContainerActionResult> StopAsync(string server, string container, CancellationToken ct = default) =>
        ActAsync(server, container, ActionTypes.ContainerStop, Methods.ContainerStop, new ContainerStopRequest(container), null, ct);

    public Task<ContainerActionResult> RestartAsync(string server, string container, CancellationToken ct = default) =>
        ActAsync(server, container, ActionTypes.ContainerRestart, Methods.ContainerRestart, new ContainerStopRequest(container), null, ct);

    public Task<ContainerActionResult> RemoveAsync(string server, string container, bool force = false, CancellationToken ct = default) =>
        ActAsync(server, container, ActionTypes.ContainerRemove, Methods.ContainerRemove, new ContainerRemoveRequest(container, force),
            new Dictionary<string, string> { ["force"] = force ? "true" : "false" }, ct);

    private async Task<ContainerActionResult> ActAsync<TRequest>(
        string server, string container, string type, string method, TRequest request,
        IReadOnlyDictionary<string, string>? parameters, CancellationToken ct)
    {
        var client = await _directory.ClientAsync(server, ct).ConfigureAwait(false);
        return await recorder.RunAsync(type, server, container, parameters, async (scope, token) =>
        {
            var result = await client.RequestAsync<TRequest, ContainerActionResult>(method, request, ct: token).ConfigureAwait(false);
            scope.SetResult("id", result.Id);
            scope.SetResult("state", result.State);
            return result;
        }, ct: ct).ConfigureAwait(false);
    }

    private async Task<TResponse> RequestAsync<TRequest, TResponse>(string server, string method, TRequest request, string what, CancellationToken ct)
    {
        var client = await _directory.ClientAsync(server, ct).ConfigureAwait(false);
        try
        {
            return await client.RequestAsync<TRequest, TResponse>(method, request, ct: ct).ConfigureAwait(false);
        }
        catch (AgentException ex)
        {
            throw OperatorErrors.From(ex, what);
        }
    }
}
