using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Agent.Containers;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.DockerViews;

/// <summary>network.list, with the containers attached to each network (the list call omits them, inspect has them).</summary>
public static class NetworkViews
{
    public static async Task<NetworkListResponse> ListAsync(DockerClient docker, NetworkListRequest request, CancellationToken ct)
    {
        var networks = await DockerCalls.RunAsync("list networks", () => docker.Networks.ListNetworksAsync(new NetworksListParameters(), ct)).ConfigureAwait(false);
        var result = new List<NetworkInfo>(networks.Count);
        foreach (var listed in networks)
        {
            var network = listed;
            if (request.IncludeContainers)
            {
                try { network = await docker.Networks.InspectNetworkAsync(listed.ID, ct).ConfigureAwait(false); }
                catch (DockerNetworkNotFoundException) { continue; } // removed meanwhile
            }
            result.Add(Map(network));
        }
        return new NetworkListResponse(result.OrderBy(n => n.Name, StringComparer.Ordinal).ToList());
    }

    public static NetworkInfo Map(NetworkResponse n) => new(
        n.ID,
        n.Name ?? "",
        n.Driver ?? "",
        n.Scope ?? "",
        n.Internal,
        (n.IPAM?.Config ?? []).Select(c => c.Subnet).Where(s => !string.IsNullOrEmpty(s)).ToList(),
        (n.Containers ?? new Dictionary<string, EndpointResource>()).Values.Select(e => e.Name ?? "").Where(s => s.Length > 0).Order(StringComparer.Ordinal).ToList(),
        new Dictionary<string, string>(n.Labels ?? new Dictionary<string, string>()));
}
