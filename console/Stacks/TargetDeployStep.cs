using Monitor.Control.Agents;
using Monitor.Control.Routes;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>On one target: pull the image, then hand the agent the whole replace step (stack.deploy_target): replace
/// or blue-green, wait until it runs (healthy when it has a health check), switch the route, roll back when it does
/// not come up. The agent runs the step to its end even when this console goes away mid-deploy.</summary>
public static class TargetDeployStep
{
    public const int StableSeconds = 2;

    public static async Task<StackTargetResult> RunAsync(IAgentClient client, StackConfig stack, string image, string? version, RegistryAuth? auth,
        ImagePullMode pull, IProgress<StackOutput> output, CancellationToken ct)
    {
        var server = client.ServerName;
        if (pull != ImagePullMode.Skip)
        {
            var (repository, tag) = ImageReference.Split(image);
            try
            {
                await AgentStreams.RunAsync<ImageTransferRequest, ImageRefResult>(client, AgentMethods.ImagePull, new ImageTransferRequest(repository, tag, auth), "pull-image", output, ct).ConfigureAwait(false);
            }
            catch (AgentException ex) when (pull == ImagePullMode.IfReachable)
            {
                output.Report(new StackOutput("pull-image", server, "stderr", $"could not pull {image} ({ex.Message}); using the server's local copy"));
            }
        }
        var deploy = stack.Deploy ?? new StackDeployConfig();
        var request = new TargetDeployRequest(
            ContainerSpecFactory.Create(stack, server, image, version),
            DeployStrategy.For(stack, server),
            deploy.StartTimeoutSeconds, StableSeconds, deploy.LogTail, deploy.DrainSeconds,
            RouteSpecFactory.For(stack, server));

        await using var stream = await client.OpenStreamAsync(AgentMethods.StackDeployTarget, request, ct).ConfigureAwait(false);
        await foreach (var line in stream.ReadAllAsync(ct).ConfigureAwait(false))
            output.Report(new StackOutput(line.Step, server, line.Stream, line.Text));
        var result = await stream.Completion.ConfigureAwait(false);
        // A failure with a previous image that was not brought back is a rollback that failed (the agent tried it).
        return new StackTargetResult(server, result.Ok, result.RolledBack, result.Container, result.Image, result.Message,
            RollbackFailed: !result.Ok && !result.RolledBack && result.PreviousImage is not null);
    }
}
