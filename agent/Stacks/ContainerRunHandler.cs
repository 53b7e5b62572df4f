using Monitor.Agent.Dispatch;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks;

/// <summary>container.run: creates and starts a container from a full spec; replaces a container of the same name
/// (stop, remove) and reports the image it ran, so the console can roll back to it.</summary>
public sealed class ContainerRunHandler(DockerClient docker)
{
    public async Task<ContainerRunResult> RunAsync(ContainerRunSpec spec, CancellationToken ct)
    {
        var name = StackInputRules.Name(spec.Name, "container name");
        var image = StackInputRules.Ref(spec.Image, "image");
        foreach (var arg in spec.Args ?? []) if (arg.Any(char.IsControl)) throw new AgentRequestException(ErrorCodes.InvalidArgument, "container args must not contain control characters");

        string? previousImage = null;
        var existing = await FindAsync(name, ct).ConfigureAwait(false);
        if (existing is not null)
        {
            if (!spec.Replace) throw new AgentRequestException(ErrorCodes.Conflict, $"container {name} already exists; remove it or deploy with replace");
            previousImage = existing.Config?.Image;
            await docker.Containers.StopContainerAsync(existing.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 10 }, ct).ConfigureAwait(false);
            await docker.Containers.RemoveContainerAsync(existing.ID, new ContainerRemoveParameters { Force = true }, ct).ConfigureAwait(false);
        }

        var created = await CreateAsync(name, image, spec, null, ct).ConfigureAwait(false);
        await docker.Containers.StartContainerAsync(created, new ContainerStartParameters(), ct).ConfigureAwait(false);
        return new ContainerRunResult(created, name, image, previousImage);
    }

    /// <summary>Creates and starts a container under <paramref name="name"/> (which must be free). With
    /// <paramref name="routePort"/>, that container port is also published on a loopback port Docker picks, for the
    /// server's proxy.</summary>
    public async Task<string> CreateAndStartAsync(string name, string image, ContainerRunSpec spec, int? routePort, CancellationToken ct)
    {
        StackInputRules.Name(name, "container name");
        StackInputRules.Ref(image, "image");
        var id = await CreateAsync(name, image, spec, routePort, ct).ConfigureAwait(false);
        await docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct).ConfigureAwait(false);
        return id;
    }

    /// <summary>Stops (grace period, then kill) and removes a container; nothing when it is gone already.</summary>
    public async Task StopAndRemoveAsync(string nameOrId, CancellationToken ct)
    {
        try
        {
            await docker.Containers.StopContainerAsync(nameOrId, new ContainerStopParameters { WaitBeforeKillSeconds = 10 }, ct).ConfigureAwait(false);
            await docker.Containers.RemoveContainerAsync(nameOrId, new ContainerRemoveParameters { Force = true }, ct).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException) { }
    }

    public Task<ContainerInspectResponse?> InspectAsync(string name, CancellationToken ct) => FindAsync(name, ct);

    private async Task<string> CreateAsync(string name, string image, ContainerRunSpec spec, int? routePort, CancellationToken ct)
    {
        var ports = (spec.Ports ?? []).ToList();
        if (routePort is { } port) ports.Add(new PortPublish(port, 0, "127.0.0.1", "tcp"));
        var parameters = new CreateContainerParameters
        {
            Name = name,
            Image = image,
            Env = (spec.Env ?? new Dictionary<string, string>()).Select(kv => $"{kv.Key}={kv.Value}").ToList(),
            Labels = spec.Labels?.ToDictionary() ?? [],
            Cmd = spec.Args is { Count: > 0 } args ? args.ToList() : null,
            ExposedPorts = ports.ToDictionary(p => Key(p), _ => default(EmptyStruct)),
            HostConfig = new HostConfig
            {
                PortBindings = ports.GroupBy(Key).ToDictionary(g => g.Key, g => (IList<PortBinding>)g.Select(p => new PortBinding
                {
                    HostIP = p.HostIp ?? "",
                    HostPort = p.HostPort == 0 ? "" : p.HostPort.ToString(CultureInfo.InvariantCulture),
                }).ToList()),
                Binds = spec.Volumes?.ToList(),
                NetworkMode = spec.Network,
                RestartPolicy = new RestartPolicy { Name = RestartKind(spec.RestartPolicy) },
                Memory = spec.MemoryBytes ?? 0,
                NanoCPUs = spec.Cpus is { } cpus ? (long)(cpus * 1_000_000_000) : 0,
            },
        };
        try
        {
            var response = await docker.Containers.CreateContainerAsync(parameters, ct).ConfigureAwait(false);
            return response.ID;
        }
        catch (DockerImageNotFoundException)
        {
            throw new AgentRequestException(ErrorCodes.NotFound, $"image {image} is not on this server; pull it first");
        }
        catch (DockerApiException ex)
        {
            throw new AgentRequestException(ErrorCodes.DockerError, $"creating container {name} failed: {ex.ResponseBody?.Trim()}");
        }
    }

    private async Task<ContainerInspectResponse?> FindAsync(string name, CancellationToken ct)
    {
        try { return await docker.Containers.InspectContainerAsync(name, ct).ConfigureAwait(false); }
        catch (DockerContainerNotFoundException) { return null; }
    }

    private static string Key(PortPublish p) => $"{p.ContainerPort}/{(p.Protocol is "udp" ? "udp" : "tcp")}";

    private static RestartPolicyKind RestartKind(string? policy) => policy switch
    {
        null or "" or "no" => RestartPolicyKind.No,
        "always" => RestartPolicyKind.Always,
        "unless-stopped" => RestartPolicyKind.UnlessStopped,
        "on-failure" => RestartPolicyKind.OnFailure,
        _ => throw new AgentRequestException(ErrorCodes.InvalidArgument, $"restart policy '{policy}' is not one of no, always, unless-stopped, on-failure"),
    };
}
