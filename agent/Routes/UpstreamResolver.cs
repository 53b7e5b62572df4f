using System.Globalization;
using Docker.DotNet;

namespace Monitor.Agent.Routes;

/// <summary>Where Caddy (on the host) reaches a container's port: the loopback port Docker published it on (what the
/// deploy step asks for), else the container's address on its Docker network. Null when it does not run.</summary>
public sealed class UpstreamResolver(DockerClient docker)
{
    public async Task<string?> ResolveAsync(string container, int port, CancellationToken ct)
    {
        Docker.DotNet.Models.ContainerInspectResponse info;
        try { info = await docker.Containers.InspectContainerAsync(container, ct).ConfigureAwait(false); }
        catch (DockerContainerNotFoundException) { return null; }
        if (info.State?.Running != true) return null;
        var key = port.ToString(CultureInfo.InvariantCulture) + "/tcp";
        if (info.NetworkSettings?.Ports is { } ports && ports.TryGetValue(key, out var bindings) && bindings is not null)
        {
            var loopback = bindings.FirstOrDefault(b => b.HostIP is "127.0.0.1" && !string.IsNullOrEmpty(b.HostPort));
            if (loopback is not null) return $"127.0.0.1:{loopback.HostPort}";
        }
        var address = info.NetworkSettings?.Networks?.Values.Select(n => n.IPAddress).FirstOrDefault(a => !string.IsNullOrEmpty(a));
        return address is null ? null : $"{address}:{port.ToString(CultureInfo.InvariantCulture)}";
    }
}
