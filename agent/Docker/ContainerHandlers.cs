using Docker.DotNet.Models;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Docker;

/// <summary>container.* methods: list, inspect, start, stop, restart, remove, stats, logs.</summary>
public static class ContainerHandlers
{
    public static void Register(HandlerRegistry registry, AgentServices services)
    {
        var containers = services.Docker.Containers;
        registry.Request<ContainerListRequest, Monitor.Shared.Protocol.ContainerListResponse>(Methods.ContainerList, (req, ct) =>
            DockerErrors.GuardAsync("list containers", async () =>
            {
                var parameters = new ContainersListParameters { All = req.All };
                if (req.LabelFilter is { Count: > 0 } labels)
                    parameters.Filters = new Dictionary<string, IDictionary<string, bool>>
                    {
                        ["label"] = labels.ToDictionary(l => $"{l.Key}={l.Value}", _ => true),
                    };
                var list = await containers.ListContainersAsync(parameters, ct).ConfigureAwait(false);
                return new Monitor.Shared.Protocol.ContainerListResponse(list.Select(ContainerMapper.ToSummary).OrderBy(c => c.Name, StringComparer.Ordinal).ToList());
            }));

        registry.Request<ContainerRef, ContainerDetails>(Methods.ContainerInspect, (req, ct) =>
            DockerErrors.GuardAsync($"inspect {req.Container}", async () =>
                ContainerMapper.ToDetails(await containers.InspectContainerAsync(Names.RequireContainer(req.Container), ct).ConfigureAwait(false))));

        registry.Request<ContainerRef, ContainerActionResult>(Methods.ContainerStart, (req, ct) =>
            ActAsync(services, "start", req.Container, id => containers.StartContainerAsync(id, new ContainerStartParameters(), ct), ct));

        registry.Request<ContainerStopRequest, ContainerActionResult>(Methods.ContainerStop, (req, ct) =>
            ActAsync(services, "stop", req.Container, id => containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)(req.TimeoutSeconds ?? 10) }, ct), ct));

        registry.Request<ContainerStopRequest, ContainerActionResult>(Methods.ContainerRestart, (req, ct) =>
            ActAsync(services, "restart", req.Container, id => containers.RestartContainerAsync(id, new ContainerRestartParameters { WaitBeforeKillSeconds = (uint)(req.TimeoutSeconds ?? 10) }, ct), ct));

        registry.Request<ContainerRemoveRequest, ContainerActionResult>(Methods.ContainerRemove, (req, ct) =>
            DockerErrors.GuardAsync($"remove {req.Container}", async () =>
            {
                var before = await containers.InspectContainerAsync(Names.RequireContainer(req.Container), ct).ConfigureAwait(false);
                await containers.RemoveContainerAsync(before.ID, new ContainerRemoveParameters { Force = req.Force, RemoveVolumes = req.RemoveVolumes }, ct).ConfigureAwait(false);
                return new ContainerActionResult(before.ID, before.Name.TrimStart('/'), "removed");
            }));

        registry.Request<ContainerRef, ContainerStats>(Methods.ContainerStats, (req, ct) =>
            DockerErrors.GuardAsync($"stats of {req.Container}", () => StatsReader.ReadAsync(services.Docker, Names.RequireContainer(req.Container), ct)));

        registry.Stream<LogStreamRequest, LogBatch, LogStreamEnd>(Methods.ContainerLogs, (req, writer, ct) =>
            DockerErrors.GuardAsync($"logs of {req.Container}", () => new LogStreamer(services.Docker).StreamAsync(req, writer, ct)));
    }

    private static Task<ContainerActionResult> ActAsync(AgentServices services, string verb, string container, Func<string, Task> action, CancellationToken ct) =>
        DockerErrors.GuardAsync($"{verb} {container}", async () =>
        {
            var id = Names.RequireContainer(container);
            await action(id).ConfigureAwait(false);
            return ContainerMapper.ToResult(await services.Docker.Containers.InspectContainerAsync(id, ct).ConfigureAwait(false));
        });
}
