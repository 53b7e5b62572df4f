using Monitor.Control.Stacks;
using Monitor.Shared.Models;
using Monitor.Control.Tui.Contexts;
using StackOperation = Monitor.Control.Tui.Contexts.StackOperation;

namespace Monitor.Control.Tui;

/// <summary>Adapts the stack service to what the Stacks pane shows and runs.</summary>
public sealed class StackServiceSource(IStackService stacks) : IStackSource
{
    public async Task<IReadOnlyList<StackRow>> ListAsync(CancellationToken ct = default)
    {
        var rows = new List<StackRow>();
        foreach (var stack in await stacks.ListAsync(ct).ConfigureAwait(false))
        {
            var details = await stacks.ShowAsync(stack.Name, ct).ConfigureAwait(false);
            var kind = stack.Compose is not null ? "compose" : stack.Build is not null ? "build" : "image";
            var version = details.LatestBuild?.Version ?? stack.Image ?? "-";
            var states = details.Containers.Select(c => c.Error == StackStates.NotDeployed ? StackStates.NotDeployed : c.State).Distinct().ToList();
            var state = states.Count == 0 ? StackStates.NotDeployed : states.Count == 1 ? states[0] : string.Join("/", states);
            rows.Add(new StackRow(stack.Name, kind, version, stack.Deploy?.Targets ?? [], state, details.LatestBuild?.Time));
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
