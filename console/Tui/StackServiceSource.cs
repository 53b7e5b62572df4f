using Monitor.Control.Stacks;
using Monitor.Shared.Models;
using Monitor.Control.Tui.Contexts;
using StackOperation = Monitor.Control.Tui.Contexts.StackOperation;

namespace Monitor.Control.Tui;

/// <summary>Adapts the stack service to what the Stacks pane shows and runs; with <paramref name="routes"/>, each
/// routed stack also shows its URL and certificate state.</summary>
public sealed class StackServiceSource(IStackService stacks, Routes.RouteService? routes = null) : IStackSource
{
    public async Task<IReadOnlyList<StackRow>> ListAsync(CancellationToken ct = default)
    {
        var rows = new List<StackRow>();
        var all = await stacks.ListAsync(ct).ConfigureAwait(false);
        var routed = routes is null ? [] : (await routes.ListForAsync(all, ct).ConfigureAwait(false)).Where(r => r.Stack.Length > 0).ToList();
        foreach (var stack in all)
        {
            var details = await stacks.ShowAsync(stack.Name, ct).ConfigureAwait(false);
            var kind = stack.Compose is not null ? "compose" : stack.Build is not null ? "build" : "image";
            var version = details.LatestBuild?.Version ?? stack.Image ?? "-";
            var states = details.Containers.Select(c => c.Error == StackStates.NotDeployed ? StackStates.NotDeployed : c.State).Distinct().ToList();
            var state = states.Count == 0 ? StackStates.NotDeployed : states.Count == 1 ? states[0] : string.Join("/", states);
            var route = routed.Where(r => r.Stack == stack.Name).ToList();
            var url = route.SelectMany(r => r.Urls).Distinct().FirstOrDefault() ?? "";
            var certificate = string.Join("/", route.Select(r => r.Certificate).Distinct());
            rows.Add(new StackRow(stack.Name, kind, version, stack.Deploy?.Targets ?? [], state, details.LatestBuild?.Time, url, certificate));
        }
        return rows;
    }

    public async Task<Monitor.Shared.Config.StackConfig?> GetAsync(string name, CancellationToken ct = default) =>
        (await stacks.ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(s => s.Name == name);

    public Task SaveAsync(Monitor.Shared.Config.StackConfig stack, CancellationToken ct = default)
    {
        StackRules.Validate(stack);
        return stacks.SaveAsync(stack, ct);
    }

    public async Task RunAsync(string stack, StackOperation operation, IProgress<string> output, CancellationToken ct = default)
    {
        var progress = new Progress<StackOutput>(o => output.Report(o.ToString().TrimEnd('\n')));
        switch (operation)
        {
            case StackOperation.Deploy: await stacks.DeployAsync(stack, progress, ct).ConfigureAwait(false); break;
            case StackOperation.Build: await stacks.BuildAsync(stack, progress, ct).ConfigureAwait(false); break;
            case StackOperation.Pull: await stacks.PullAsync(stack, progress, ct).ConfigureAwait(false); break;
        }
    }
}
