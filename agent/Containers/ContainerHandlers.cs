using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Agent.Dispatch;
using Monitor.Agent.Logs;
using Monitor.Shared.Protocol;
using ContainerListResponse = Monitor.Shared.Protocol.ContainerListResponse;

namespace Monitor.Agent.Containers;

/// <summary>container.* methods over the local Docker engine.</summary>
public static class ContainerHandlers
{
    public static void Register(HandlerRegistry registry, AgentServices services)
    {
        var docker = services.Docker;
        var logs = new LogStreamer(docker, new DockerViews.EngineHttp(services.Config.DockerSocket));

        registry.Handle(AgentMethods.ContainerList, (r, ct) => ListAsync(docker, r, ct));
        registry.Handle(AgentMethods.ContainerInspect, async (r, ct) =>
            ContainerMapper.Details(await InspectAsync(docker, ContainerNames.Require(r.Container), ct).ConfigureAwait(false)));
        registry.Handle(AgentMethods.ContainerStart, (r, ct) =>
            ActAsync(docker, r.Container, "start", (id, c) => docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), c), ct));
        registry.Handle(AgentMethods.ContainerStop, (r, ct) =>
            ActAsync(docker, r.Container, "stop", (id, c) => docker.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = Wait(r.TimeoutSeconds) }, c), ct));
        registry.Handle(AgentMethods.ContainerRestart, (r, ct) =>
            ActAsync(docker, r.Container, "restart", (id, c) => docker.Containers.RestartContainerAsync(id, new ContainerRestartParameters { WaitBeforeKillSeconds = Wait(r.TimeoutSeconds) }, c), ct));
        registry.Handle(AgentMethods.ContainerRemove, (r, ct) => RemoveAsync(docker, r, ct));
        registry.Handle(AgentMethods.ContainerStats, (r, ct) => StatsAsync(docker, r, ct));
        registry.Handle(AgentMethods.ContainerLogs, logs.StreamAsync);
        registry.Handle(AgentMethods.ContainerExec, new ExecSession(docker).RunAsync);
    }

    private static uint? Wait(int? seconds) => seconds is { } s ? (uint)Math.Clamp(s, 0, 3600) : null;

    private static async Task<ContainerListResponse> ListAsync(DockerClient docker, ContainerListRequest request, CancellationToken ct)
    {
        var parameters = new ContainersListParameters { All = request.All };
        if (request.LabelFilter is { Count: > 0 } labels)
            parameters.Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = labels.ToDictionary(kv => string.IsNullOrEmpty(kv.Value) ? kv.Key : $"{kv.Key}={kv.Value}", _ => true),
            };
        var containers = await DockerCalls.RunAsync("list containers", () => docker.Containers.ListContainersAsync(parameters, ct)).ConfigureAwait(false);
        return new ContainerListResponse(containers.Select(ContainerMapper.Summary).OrderBy(c => c.Name, StringComparer.Ordinal).ToList());
    }

    private static Task<ContainerInspectResponse> InspectAsync(DockerClient docker, string name, CancellationToken ct) =>
        DockerCalls.RunAsync($"container {name}", () => docker.Containers.InspectContainerAsync(name, ct));

    private static async Task<ContainerActionResult> ActAsync<T>(DockerClient docker, string? container, string verb,
        Func<string, CancellationToken, Task<T>> action, CancellationToken ct)
    {
        var name = ContainerNames.Require(container);
        // The engine takes the name (or id) itself: no inspect before the action, one engine round trip less.
        await DockerCalls.RunAsync($"container {name}", () => action(name, ct)).ConfigureAwait(false);
        return ContainerMapper.Action(await InspectAsync(docker, name, ct).ConfigureAwait(false));
    }

    private static Task<ContainerActionResult> ActAsync(DockerClient docker, string? container, string verb,
        Func<string, CancellationToken, Task> action, CancellationToken ct) =>
        ActAsync(docker, container, verb, async (id, c) => { await action(id, c).ConfigureAwait(false); return true; }, ct);

    private static async Task<ContainerActionResult> RemoveAsync(DockerClient docker, ContainerRemoveRequest request, CancellationToken ct)
    {
        var name = ContainerNames.Require(request.Container);
        var before = await InspectAsync(docker, name, ct).ConfigureAwait(false);
        await DockerCalls.RunAsync($"remove {name}", () => docker.Containers.RemoveContainerAsync(before.ID,
            new ContainerRemoveParameters { Force = request.Force, RemoveVolumes = request.RemoveVolumes }, ct)).ConfigureAwait(false);
        return new ContainerActionResult(before.ID, (before.Name ?? "").TrimStart('/'), "removed");
    }

    private static async Task<ContainerStats> StatsAsync(DockerClient docker, ContainerRef request, CancellationToken ct)
    {
        var name = ContainerNames.Require(request.Container);
        var container = await InspectAsync(docker, name, ct).ConfigureAwait(false);
        var sample = new LastValue<ContainerStatsResponse>();
        // stream=false without one-shot: Docker waits for a second sample so precpu is filled and CPU% can be computed.
        await DockerCalls.RunAsync($"stats of {name}", () => docker.Containers.GetContainerStatsAsync(container.ID,
            new ContainerStatsParameters { Stream = false }, sample, ct)).ConfigureAwait(false);
        if (sample.Value is null)
            throw new AgentRequestException(ErrorCodes.DockerError, $"stats of {name}: Docker returned no sample; is the container running?");
        return ContainerStatsCalculator.From(container.ID, (container.Name ?? "").TrimStart('/'), sample.Value);
    }

    /// <summary>Keeps the last reported value, synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class LastValue<T> : IProgress<T> where T : class
    {
        public T? Value { get; private set; }
        public void Report(T value) => Value = value;
    }
}
