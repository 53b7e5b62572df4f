using Monitor.Control.Agents;
using Monitor.Control.Config;
using Monitor.Control.Store;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

public sealed class ServerService(IStateStore store, IAgentClientFactory agents, ActionRecorder recorder) : IServerService
{
    private readonly ServerDirectory _directory = new(store, agents);

    public Task<IReadOnlyList<ServerInfo>> ListAsync(CancellationToken ct = default) => store.ListServersAsync(ct);

    public async Task<ServerInfo> AddAsync(string name, string url, string? description = null, CancellationToken ct = default)
    {
        if (ServerValidation.NameProblem(name) is { } nameProblem) throw new OperationFailedException(nameProblem, ErrorCodes.InvalidArgument);
        if (ServerValidation.UrlProblem(url) is { } urlProblem) throw new OperationFailedException(urlProblem, ErrorCodes.InvalidArgument);
        var parameters = new Dictionary<string, string> { ["url"] = url };
        if (description is not null) parameters["description"] = description;
        return await recorder.RunAsync(ActionTypes.ServerAdd, name, name, parameters, async (_, token) =>
        {
            var existing = await store.GetServerAsync(name, token).ConfigureAwait(false);
            var server = existing is null
                ? new ServerInfo { Name = name, Url = url, Description = description }
                : existing with { Url = url, Description = description ?? existing.Description };
            await store.UpsertServerAsync(server, token).ConfigureAwait(false);
            return server;
        }, ct: ct).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string name, CancellationToken ct = default)
    {
        await _directory.GetAsync(name, ct).ConfigureAwait(false);
        await recorder.RunAsync(ActionTypes.ServerRemove, name, name, null, async (_, token) =>
        {
            var removed = await store.RemoveServerAsync(name, token).ConfigureAwait(false);
            if (agents is AgentClientFactory factory) await factory.ForgetAsync(name).ConfigureAwait(false);
            return removed;
        }, ct: ct).ConfigureAwait(false);
    }

    public async Task<ServerStatus> StatusAsync(string name, CancellationToken ct = default)
    {
        var server = await _directory.GetAsync(name, ct).ConfigureAwait(false);
        var client = agents.Get(server);
        try
        {
            await client.EnsureConnectedAsync(ct).ConfigureAwait(false);
            var info = await client.RequestAsync<AgentInfoRequest, AgentInfo>(Methods.AgentInfo, new AgentInfoRequest(), ct: ct).ConfigureAwait(false);
            HostMetrics? metrics = null;
            try
            {
                metrics = await client.RequestAsync<HostMetricsRequest, HostMetrics>(Methods.HostMetrics, new HostMetricsRequest(), ct: ct).ConfigureAwait(false);
            }
            catch (AgentException ex) when (ex.Code is not ErrorCodes.Unreachable)
            {
                return new ServerStatus(server, client.State, $"host metrics unavailable: {ex.Message}", info, null);
            }
            return new ServerStatus(server, client.State, null, info, metrics);
        }
        catch (AgentException ex)
        {
            return new ServerStatus(server, client.State, client.LastError ?? ex.Message, null, null);
        }
    }
}
