using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Watch;

/// <summary>The busiest processes of a server (`monitor server top S`, the TUI).</summary>
public sealed class HostTopService(ServerDirectory directory)
{
    public async Task<HostTopResult> TopAsync(string server, int limit, string sortBy, CancellationToken ct)
    {
        if (sortBy is not ("cpu" or "memory")) throw new OperationFailedException($"--sort must be cpu or memory, not '{sortBy}'", ErrorCodes.InvalidArgument);
        if (limit is < 1 or > 1000) throw new OperationFailedException($"--limit must be 1..1000, not {limit}", ErrorCodes.InvalidArgument);
        var client = await directory.ConnectedClientAsync(server, ct).ConfigureAwait(false);
        return await AgentCalls.GuardAsync(() => client.RequestAsync(AgentMethods.HostTop, new HostTopRequest(limit, sortBy), ct: ct)).ConfigureAwait(false);
    }
}
