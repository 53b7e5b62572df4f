using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Agent.Containers;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.DockerViews;

/// <summary>The Docker views: container.top, system.events, system.df, image.list|remove|prune,
/// volume.list|inspect|remove|prune, network.list — thin calls to the local engine.</summary>
public static class DockerViewHandlers
{
    public static void Register(HandlerRegistry registry, AgentServices services)
    {
        var docker = services.Docker;
        var engine = new EngineHttp(services.Config.DockerSocket);
        registry.Handle(AgentMethods.ContainerTop, (r, ct) => TopAsync(docker, r, ct));
        registry.Handle(AgentMethods.SystemEvents, new EventStreamer(docker).StreamAsync);
        registry.Handle(AgentMethods.SystemDf, (r, ct) => DiskUsageReader.ReadAsync(engine, ct));
        var images = new ImageViews(docker);
        registry.Handle(AgentMethods.ImageList, images.ListAsync);
        registry.Handle(AgentMethods.ImageRemove, images.RemoveAsync);
        registry.Handle(AgentMethods.ImagePrune, images.PruneAsync);
        var volumes = new VolumeViews(docker);
        registry.Handle(AgentMethods.VolumeList, volumes.ListAsync);
        registry.Handle(AgentMethods.VolumeInspect, volumes.InspectAsync);
        registry.Handle(AgentMethods.VolumeRemove, volumes.RemoveAsync);
        registry.Handle(AgentMethods.VolumePrune, volumes.PruneAsync);
        registry.Handle(AgentMethods.NetworkList, (r, ct) => NetworkViews.ListAsync(docker, r, ct));
    }

    private static async Task<ContainerTop> TopAsync(DockerClient docker, ContainerTopRequest request, CancellationToken ct)
    {
        var name = ContainerNames.Require(request.Container);
        var args = DockerNames.RequirePsArgs(request.PsArgs);
        var container = await DockerCalls.RunAsync($"container {name}", () => docker.Containers.InspectContainerAsync(name, ct)).ConfigureAwait(false);
        if (container.State is not { Running: true })
            throw new AgentRequestException(ErrorCodes.Conflict, $"container {name} is not running; top lists the processes of a running container");
        var top = await DockerCalls.RunAsync($"top of {name}", () => docker.Containers.ListProcessesAsync(container.ID,
            new ContainerListProcessesParameters { PsArgs = args }, ct)).ConfigureAwait(false);
        return new ContainerTop(container.ID, (container.Name ?? "").TrimStart('/'), (top.Titles ?? []).ToList(),
            (top.Processes ?? []).Select(p => (IReadOnlyList<string>)(p ?? []).ToList()).ToList());
    }
}
