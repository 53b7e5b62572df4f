using Monitor.Control.Agents;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>A compose stack on one target: (pull the repo when the file is in it) → compose up/down → services.</summary>
public static class ComposeStep
{
    public static string Project(StackConfig stack) => stack.Compose?.Project ?? stack.Name;

    public static async Task<ComposeRequest> RequestAsync(IAgentClient client, StackConfig stack, IProgress<StackOutput> output, CancellationToken ct)
    {
        var compose = stack.Compose!;
        if (compose.Inline is { Length: > 0 } inline) return new ComposeRequest(Project(stack), InlineYaml: inline);
        var checkout = await RepoSyncStep.RunAsync(client, stack, null, output, ct).ConfigureAwait(false);
        return new ComposeRequest(Project(stack), ComposeFile: Path.Combine(checkout.Path, compose.File!));
    }

    public static async Task<StackTargetResult> UpAsync(IAgentClient client, StackConfig stack, IProgress<StackOutput> output, CancellationToken ct)
    {
        var request = await RequestAsync(client, stack, output, ct).ConfigureAwait(false);
        return await UpAsync(client, stack, request, output, ct).ConfigureAwait(false);
    }

    private static async Task<StackTargetResult> UpAsync(IAgentClient client, StackConfig stack, ComposeRequest request, IProgress<StackOutput> output, CancellationToken ct)
    {
        var result = await AgentStreams.RunAsync<ComposeRequest, ComposeResult>(client, AgentMethods.ComposeUp, request, "compose-up", output, ct).ConfigureAwait(false);
        var ps = await client.RequestAsync(AgentMethods.ComposePs, request, ct: ct).ConfigureAwait(false);
        foreach (var s in ps.Services) output.Report(new StackOutput("compose-up", client.ServerName, "stdout", $"{s.Service}: {s.Container} {s.State} ({s.Image})"));
        var allRunning = ps.Services.Count > 0 && ps.Services.All(s => s.State == "running");
        return new StackTargetResult(client.ServerName, allRunning, false, Project(stack), result.Tool,
            allRunning ? $"{ps.Services.Count} services running" : $"not all services are running: {string.Join(", ", ps.Services.Select(s => $"{s.Service}={s.State}"))}");
    }

    /// <summary>`restart --pull`: pull newer images, then `up -d`, which recreates only the services whose image
    /// (or config) changed and leaves the others running.</summary>
    public static async Task<StackTargetResult> PullAndUpAsync(IAgentClient client, StackConfig stack, IProgress<StackOutput> output, CancellationToken ct)
    {
        var request = await RequestAsync(client, stack, output, ct).ConfigureAwait(false);
        await AgentStreams.RunAsync<ComposeRequest, ComposeResult>(client, AgentMethods.ComposePull, request, "compose-pull", output, ct).ConfigureAwait(false);
        return await UpAsync(client, stack, request, output, ct).ConfigureAwait(false);
    }

    public static async Task<StackTargetResult> DownAsync(IAgentClient client, StackConfig stack, IProgress<StackOutput> output, CancellationToken ct)
    {
        var request = await RequestAsync(client, stack, output, ct).ConfigureAwait(false);
        var result = await AgentStreams.RunAsync<ComposeRequest, ComposeResult>(client, AgentMethods.ComposeDown, request, "compose-down", output, ct).ConfigureAwait(false);
        return new StackTargetResult(client.ServerName, true, false, Project(stack), result.Tool, "project is down");
    }
}
