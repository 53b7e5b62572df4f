using System.Collections.Concurrent;
using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Agent.Dispatch;
using Monitor.Agent.Stacks;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Routes;

/// <summary>One target deploy step as a single agent-side operation. It runs under the agent's lifetime, not the
/// request's: when the console goes away mid-deploy the step still finishes or rolls back, so the old container keeps
/// serving or the new one runs, never neither. One step per container name at a time (a second one waits).</summary>
public sealed class TargetDeployer(ContainerRunHandler containers, ContainerWaitHandler waiter, RouteKeeper routes, DockerClient docker)
{
    public const string Replace = "replace";
    public const string BlueGreen = "blue-green";
    public const string NextSuffix = "-next";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<TargetDeployResult> DeployAsync(TargetDeployRequest request, Action<TargetDeployProgress> report, CancellationToken ct)
    {
        var spec = request.Spec;
        var name = StackInputRules.Name(spec.Name, "container name");
        var image = StackInputRules.Ref(spec.Image, "image");
        if (request.Route is { } route) RouteRules.Check(route);
        if (request.Strategy is not (Replace or BlueGreen))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"strategy '{request.Strategy}' is not one of replace, blue-green");
        if (request.Strategy == BlueGreen && request.Route is null)
            throw new AgentRequestException(ErrorCodes.InvalidArgument, "blue-green needs a route: the proxy is what switches from the old container to the new one");
        if (request.Strategy == BlueGreen && spec.Ports is { Count: > 0 })
            throw new AgentRequestException(ErrorCodes.InvalidArgument, "blue-green runs the old and new containers side by side, so they cannot share fixed host ports; remove ports or use replace");

        var gate = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (request.Strategy == BlueGreen)
            {
                var old = await ServingAsync(name, request.Route!, ct).ConfigureAwait(false);
                if (old is not null) return await BlueGreenAsync(request, name, image, old, report, ct).ConfigureAwait(false);
                report(new TargetDeployProgress("run", "stdout", $"no running {name} yet: starting the first version"));
            }
            return await ReplaceAsync(request, name, image, report, ct).ConfigureAwait(false);
        }
        finally { gate.Release(); }
    }

    private async Task<TargetDeployResult> ReplaceAsync(TargetDeployRequest request, string name, string image, Action<TargetDeployProgress> report, CancellationToken ct)
    {
        var spec = request.Spec;
        var routePort = request.Route?.ContainerPort;
        var existing = await containers.InspectAsync(name, ct).ConfigureAwait(false);
        var previous = existing?.Config?.Image;
        if (existing is not null) await containers.StopAndRemoveAsync(existing.ID, ct).ConfigureAwait(false);
        await RemoveLeftoverAsync(name + NextSuffix, ct).ConfigureAwait(false);
        await containers.CreateAndStartAsync(name, image, spec, routePort, ct).ConfigureAwait(false);
        report(new TargetDeployProgress("run", "stdout", $"started {name} ({image})" + (previous is null ? "" : $", replacing {previous}")));

        var wait = await WaitAsync(request, name, ct).ConfigureAwait(false);
        if (wait.Ok)
        {
            report(new TargetDeployProgress("wait", "stdout", wait.Message));
            await PointRouteAsync(request, name, report, ct).ConfigureAwait(false);
            return new TargetDeployResult(true, false, name, image, previous, wait.Message, []);
        }

        ReportFailure(wait, report);
        if (previous is null)
            return new TargetDeployResult(false, false, name, image, null, $"{wait.Message}; no previous version to roll back to", wait.LogTail);

        report(new TargetDeployProgress("rollback", "stdout", $"rolling back {name} to {previous}"));
        await containers.StopAndRemoveAsync(name, ct).ConfigureAwait(false);
        var labels = (spec.Labels ?? new Dictionary<string, string>()).Where(kv => kv.Key != "monitor.version").ToDictionary();
        await containers.CreateAndStartAsync(name, previous, spec with { Image = previous, Labels = labels }, routePort, ct).ConfigureAwait(false);
        var back = await WaitAsync(request, name, ct).ConfigureAwait(false);
        if (back.Ok) await PointRouteAsync(request, name, report, ct).ConfigureAwait(false);
        report(new TargetDeployProgress("rollback", back.Ok ? "stdout" : "stderr", back.Ok ? $"{previous} runs again" : $"rollback failed too: {back.Message}"));
        return new TargetDeployResult(false, back.Ok, name, back.Ok ? previous : image, previous,
            $"{wait.Message}; " + (back.Ok ? $"rolled back to {previous}" : $"rollback to {previous} failed: {back.Message}"), wait.LogTail);
    }

    private async Task<TargetDeployResult> BlueGreenAsync(TargetDeployRequest request, string name, string image, ContainerInspectResponse old, Action<TargetDeployProgress> report, CancellationToken ct)
    {
        var oldName = old.Name.TrimStart('/');
        var newName = oldName == name ? name + NextSuffix : name;
        var previous = old.Config?.Image;
        await RemoveOtherAsync(newName, old.ID, ct).ConfigureAwait(false);
        await containers.CreateAndStartAsync(newName, image, request.Spec with { Name = newName }, request.Route!.ContainerPort, ct).ConfigureAwait(false);
        report(new TargetDeployProgress("run", "stdout", $"started {newName} ({image}) beside {oldName} ({previous})"));

        var wait = await WaitAsync(request, newName, ct).ConfigureAwait(false);
        if (!wait.Ok)
        {
            ReportFailure(wait, report);
            await containers.StopAndRemoveAsync(newName, ct).ConfigureAwait(false);
            var message = $"{wait.Message}; the route was never switched: {oldName} ({previous}) keeps serving, {newName} was removed";
            report(new TargetDeployProgress("rollback", "stdout", message));
            return new TargetDeployResult(false, true, oldName, previous, previous, message, wait.LogTail);
        }
        report(new TargetDeployProgress("wait", "stdout", wait.Message));

        await routes.SetAsync(request.Route with { Container = newName }, ct).ConfigureAwait(false);
        report(new TargetDeployProgress("switch", "stdout", $"route of {request.Route.Stack} switched to {newName}"));
        if (request.DrainSeconds > 0)
        {
            report(new TargetDeployProgress("drain", "stdout", $"letting {oldName} drain for {request.DrainSeconds}s"));
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(request.DrainSeconds, 3600)), ct).ConfigureAwait(false);
        }
        await containers.StopAndRemoveAsync(old.ID, ct).ConfigureAwait(false);
        report(new TargetDeployProgress("drain", "stdout", $"stopped and removed {oldName}"));
        if (newName != name)
        {
            // Renamed under the route lock, so the keeper never resolves a route to a name that just went away.
            await routes.SetAsync(request.Route with { Container = name }, ct,
                () => docker.Containers.RenameContainerAsync(newName, new ContainerRenameParameters { NewName = name }, ct)).ConfigureAwait(false);
            report(new TargetDeployProgress("switch", "stdout", $"renamed {newName} to {name}"));
        }
        return new TargetDeployResult(true, false, name, image, previous, $"{wait.Message}; {name} serves {image}", []);
    }

    /// <summary>The running container the stack's route serves from (the route's container, else one named
    /// <paramref name="name"/>), or null.</summary>
    private async Task<ContainerInspectResponse?> ServingAsync(string name, RouteSpec route, CancellationToken ct)
    {
        foreach (var candidate in new[] { routes.Find(route.Stack)?.Container, name, name + NextSuffix }.OfType<string>().Distinct())
        {
            var info = await containers.InspectAsync(candidate, ct).ConfigureAwait(false);
            if (info?.State?.Running == true) return info;
        }
        return null;
    }

    private async Task RemoveOtherAsync(string name, string keepId, CancellationToken ct)
    {
        var info = await containers.InspectAsync(name, ct).ConfigureAwait(false);
        if (info is not null && info.ID != keepId) await containers.StopAndRemoveAsync(info.ID, ct).ConfigureAwait(false);
    }

    private async Task RemoveLeftoverAsync(string name, CancellationToken ct)
    {
        var info = await containers.InspectAsync(name, ct).ConfigureAwait(false);
        if (info is not null) await containers.StopAndRemoveAsync(info.ID, ct).ConfigureAwait(false);
    }

    private async Task PointRouteAsync(TargetDeployRequest request, string name, Action<TargetDeployProgress> report, CancellationToken ct)
    {
        if (request.Route is null) return;
        await routes.SetAsync(request.Route with { Container = name }, ct).ConfigureAwait(false);
        report(new TargetDeployProgress("switch", "stdout", $"route of {request.Route.Stack} points at {name}"));
    }

    private Task<ContainerWaitResult> WaitAsync(TargetDeployRequest request, string container, CancellationToken ct) =>
        waiter.WaitAsync(new ContainerWaitRequest(container, request.StartTimeoutSeconds, request.StableSeconds, Math.Min(request.LogTail, 50)), ct);

    private static void ReportFailure(ContainerWaitResult wait, Action<TargetDeployProgress> report)
    {
        report(new TargetDeployProgress("wait", "stderr", wait.Message));
        foreach (var line in wait.LogTail) report(new TargetDeployProgress("wait", "stderr", "  " + line));
    }
}
