using System.Text.RegularExpressions;
using Monitor.Control.Agents;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

public sealed partial class ServerService(ServerDirectory directory, IAgentClientFactory agents, ActionRecorder recorder) : IServerService
{
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_.-]{0,62}\z")]
    private static partial Regex ValidName();

    public Task<IReadOnlyList<ServerInfo>> ListAsync(CancellationToken ct = default) => directory.ListAsync(ct);

    public async Task<ServerInfo> AddAsync(string name, string url, string? description = null, CancellationToken ct = default)
    {
        ValidateName(name);
        ValidateUrl(url);
        if (Monitor.Shared.Text.NameText.ControlProblem(description, "server description") is { } problem) throw new OperationFailedException(problem, "invalid_argument");
        return await recorder.RecordAsync(ActionTypes.ServerAdd, name, null, name, new Dictionary<string, string> { ["url"] = url },
            _ => directory.UpsertAsync(name, url, description, null, keepTlsPin: false, ct), ct).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string name, CancellationToken ct = default)
    {
        await directory.GetAsync(name, ct).ConfigureAwait(false);
        await recorder.RecordAsync(ActionTypes.ServerRemove, name, null, name, null,
            async _ => await directory.RemoveAsync(name, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    public async Task<ServerStatus> StatusAsync(string name, CancellationToken ct = default)
    {
        var server = await directory.GetAsync(name, ct).ConfigureAwait(false);
        var client = agents.Get(server);
        try
        {
            var info = await client.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest(), TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
            var metrics = await client.RequestAsync(AgentMethods.HostMetrics, new HostMetricsRequest(), TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
            return new ServerStatus(server, client.State, null, info, metrics, (client as Fleet.IAgentIdentity)?.Role);
        }
        catch (AgentException e)
        {
            return new ServerStatus(server, client.State, e.Message, null, null);
        }
    }

    public static void ValidateName(string name)
    {
        if (!ValidName().IsMatch(name))
            throw new OperationFailedException($"'{Monitor.Shared.Text.TerminalText.Cell(name, 80)}' is not a valid server name: use lower-case letters, digits, '_', '.', '-' (starting with a letter or digit)", "invalid_argument");
    }

    public static void ValidateUrl(string url)
    {
        if (Monitor.Shared.Text.TerminalText.HasControl(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "ws" && uri.Scheme != "wss") || uri.Port <= 0)
            throw new OperationFailedException($"'{Monitor.Shared.Text.TerminalText.Cell(url, 120)}' is not an agent URL: expected ws://HOST:PORT or wss://HOST:PORT (e.g. ws://10.0.0.5:8120)", "invalid_argument");
    }
}
