using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Control.Stacks;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Fleet;

/// <summary>`monitor server clone SOURCE TARGET` (the v0 system's "duplicate a server's config"): plans the stacks
/// deployed on SOURCE (stack definitions whose targets include it) and SOURCE's standalone containers as run specs
/// (container.runspec, admin: env values are read), then deploys each to TARGET. One recorded action; the stack
/// deploys are recorded as usual too.</summary>
public sealed class CloneService(ServerDirectory directory, StackService stacks, ActionRecorder recorder)
{
    /// <summary>Containers made by a stack or a compose project are cloned through their stack, not one by one.</summary>
    private static readonly string[] ManagedLabels = [ContainerSpecFactory.StackLabel, "com.docker.compose.project"];

    public async Task<ClonePlan> PlanAsync(string source, string target, CancellationToken ct)
    {
        if (source == target) throw new OperationFailedException($"SOURCE and TARGET are both {source}; give two different servers", ErrorCodes.InvalidArgument);
        await directory.GetAsync(source, ct).ConfigureAwait(false);
        await directory.GetAsync(target, ct).ConfigureAwait(false);
        var planned = (await stacks.ListAsync(ct).ConfigureAwait(false))
            .Where(s => s.Deploy?.Targets.Contains(source, StringComparer.Ordinal) == true)
            .Select(s => s.Name).ToList();
        var client = await directory.ConnectedClientAsync(source, ct).ConfigureAwait(false);
        var listed = await Call(() => client.RequestAsync(AgentMethods.ContainerList, new ContainerListRequest(All: true), ct: ct)).ConfigureAwait(false);
        var warnings = new List<string>();
        var specs = new List<ContainerRunSpec>();
        foreach (var container in listed.Containers.Where(c => !ManagedLabels.Any(c.Labels.ContainsKey)).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var spec = await Call(() => client.RequestAsync(AgentMethods.ContainerRunSpecOf, new ContainerRef(container.Id), ct: ct)).ConfigureAwait(false);
            specs.Add(spec with { Replace = false });
            if (container.State != "running") warnings.Add($"container {container.Name} is {container.State} on {source}; on {target} it will be started");
        }
        return new ClonePlan(source, target, planned, specs, warnings);
    }

    public async Task<CloneResult> ApplyAsync(ClonePlan plan, IProgress<StackOutput>? output, CancellationToken ct)
    {
        var parameters = new Dictionary<string, string>
        {
            ["source"] = plan.Source,
            ["stacks"] = string.Join(",", plan.Stacks),
            ["containers"] = string.Join(",", plan.Containers.Select(c => c.Name)),
        };
        var items = new List<CloneItem>();
        await recorder.RecordAsync(FleetActionTypes.ServerClone, plan.Target, null, $"{plan.Source} -> {plan.Target}", parameters, async action =>
        {
            foreach (var stack in plan.Stacks)
            {
                CloneItem item;
                try
                {
                    var result = await stacks.DeployToAsync(stack, plan.Target, plan.Source, output, ct).ConfigureAwait(false);
                    item = new CloneItem("stack", stack, result.Success, result.Success ? "deployed" : string.Join("; ", result.Targets.Where(t => !t.Success).Select(t => t.Message)));
                }
                catch (OperationFailedException e) { item = new CloneItem("stack", stack, false, e.Message); }
                items.Add(item);
                action.AppendOutput($"stack {stack}: {(item.Ok ? "ok" : "FAILED")} {item.Message}\n");
            }
            var client = await directory.ConnectedClientAsync(plan.Target, ct).ConfigureAwait(false);
            foreach (var spec in plan.Containers)
            {
                CloneItem item;
                try
                {
                    var run = await client.RequestAsync(AgentMethods.ContainerRun, spec, ct: ct).ConfigureAwait(false);
                    item = new CloneItem("container", spec.Name, true, $"running {run.Image} as {run.Id[..Math.Min(12, run.Id.Length)]}");
                }
                catch (AgentException e) { item = new CloneItem("container", spec.Name, false, e.Message); }
                items.Add(item);
                action.AppendOutput($"container {spec.Name}: {(item.Ok ? "ok" : "FAILED")} {item.Message}\n");
            }
            var failed = items.Where(i => !i.Ok).ToList();
            if (failed.Count > 0)
                throw new OperationFailedException($"clone of {plan.Source} to {plan.Target}: {failed.Count} of {items.Count} failed: " +
                    string.Join("; ", failed.Select(f => $"{f.Kind} {f.Name}: {f.Message}")));
            return 0;
        }, ct).ConfigureAwait(false);
        return new CloneResult(ClonePlanView.Of(plan), true, items);
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try { return await call().ConfigureAwait(false); }
        catch (AgentException e) { throw new OperationFailedException(e.Message, e.Code, e); }
    }
}
