using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Agent.Containers;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Fleet;

/// <summary>container.runspec (server clone): what it takes to run a container again elsewhere — image, env,
/// ports, volumes, restart, network, labels, limits, args — from inspect. Env, labels and args the image itself
/// sets are left out, so the spec holds what the operator chose.</summary>
public static class CloneRunSpec
{
    public static void Register(HandlerRegistry registry, AgentServices services) =>
        registry.Handle(AgentMethods.ContainerRunSpecOf, (request, ct) => OfAsync(services.Docker, request.Container, ct));

    public static async Task<ContainerRunSpec> OfAsync(DockerClient docker, string container, CancellationToken ct)
    {
        var c = await DockerCalls.RunAsync($"container {container}", () => docker.Containers.InspectContainerAsync(container, ct)).ConfigureAwait(false);
        ImageInspectResponse? image = null;
        try { image = await docker.Images.InspectImageAsync(c.Image, ct).ConfigureAwait(false); }
        catch (DockerApiException) { }
        var imageEnv = new HashSet<string>(image?.Config?.Env ?? [], StringComparer.Ordinal);
        var imageLabels = image?.Config?.Labels ?? new Dictionary<string, string>();
        var env = (c.Config?.Env ?? []).Where(e => !imageEnv.Contains(e)).Select(e => e.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
        var labels = (c.Config?.Labels ?? new Dictionary<string, string>())
            .Where(l => !(imageLabels.TryGetValue(l.Key, out var v) && v == l.Value))
            .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        var cmd = c.Config?.Cmd ?? [];
        var args = cmd.SequenceEqual(image?.Config?.Cmd ?? []) ? null : cmd.ToList();
        var ports = (c.HostConfig?.PortBindings ?? new Dictionary<string, IList<PortBinding>>())
            .SelectMany(p => (p.Value ?? []).Select(b => Port(p.Key, b)))
            .OfType<PortPublish>().ToList();
        var volumes = (c.Mounts ?? []).Select(Volume).OfType<string>().ToList();
        var network = c.HostConfig?.NetworkMode is { Length: > 0 } mode && mode is not ("default" or "bridge") ? mode : null;
        var restart = c.HostConfig?.RestartPolicy?.Name switch
        {
            RestartPolicyKind.Always => "always",
            RestartPolicyKind.UnlessStopped => "unless-stopped",
            RestartPolicyKind.OnFailure => "on-failure",
            _ => "no",
        };
        return new ContainerRunSpec(
            (c.Name ?? "").TrimStart('/'), c.Config?.Image ?? c.Image, ports, volumes, network, restart, env, labels,
            c.HostConfig?.Memory is > 0 and var memory ? memory : null,
            c.HostConfig?.NanoCPUs is > 0 and var nano ? nano / 1_000_000_000.0 : null,
            args);
    }

    private static PortPublish? Port(string key, PortBinding binding)
    {
        var parts = key.Split('/', 2);
        if (!int.TryParse(parts[0], out var containerPort) || !int.TryParse(binding.HostPort, out var hostPort)) return null;
        return new PortPublish(containerPort, hostPort, string.IsNullOrEmpty(binding.HostIP) || binding.HostIP is "0.0.0.0" ? null : binding.HostIP,
            parts.Length > 1 ? parts[1] : "tcp");
    }

    private static string? Volume(MountPoint m) => m.Type switch
    {
        "volume" when !string.IsNullOrEmpty(m.Name) => $"{m.Name}:{m.Destination}" + (m.RW ? "" : ":ro"),
        "bind" => $"{m.Source}:{m.Destination}" + (m.RW ? "" : ":ro"),
        _ => null,
    };
}
