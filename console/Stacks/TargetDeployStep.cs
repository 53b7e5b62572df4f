using Monitor.Control.Agents;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>On one target: pull the image, replace the container, wait until it runs (healthy when it has a health
/// check); when it does not come up, run the previous image again and report the rollback.</summary>
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
        var spec = ContainerSpecFactory.Create(stack, server, image, version);
        var run = await client.RequestAsync(AgentMethods.ContainerRun, spec, ct: ct).ConfigureAwait(false);
        output.Report(new StackOutput("run", server, "stdout", $"started {run.Name} ({image})" + (run.PreviousImage is null ? "" : $", replacing {run.PreviousImage}")));

        var wait = await WaitAsync(client, stack, run.Name, ct).ConfigureAwait(false);
        if (wait.Ok)
        {
            output.Report(new StackOutput("wait", server, "stdout", wait.Message));
            return new StackTargetResult(server, true, false, run.Name, image, wait.Message);
        }

        output.Report(new StackOutput("wait", server, "stderr", wait.Message));
        foreach (var line in wait.LogTail) output.Report(new StackOutput("wait", server, "stderr", "  " + line));
        if (run.PreviousImage is null)
            return new StackTargetResult(server, false, false, run.Name, image, $"{wait.Message}; no previous version to roll back to");

        output.Report(new StackOutput("rollback", server, "stdout", $"rolling back {run.Name} to {run.PreviousImage}"));
        var labels = spec.Labels!.Where(kv => kv.Key != ContainerSpecFactory.VersionLabel).ToDictionary();
        await client.RequestAsync(AgentMethods.ContainerRun, spec with { Image = run.PreviousImage, Labels = labels }, ct: ct).ConfigureAwait(false);
        var back = await WaitAsync(client, stack, run.Name, ct).ConfigureAwait(false);
        output.Report(new StackOutput("rollback", server, back.Ok ? "stdout" : "stderr", back.Ok ? $"{run.PreviousImage} runs again" : $"rollback failed too: {back.Message}"));
        return new StackTargetResult(server, false, back.Ok, run.Name, back.Ok ? run.PreviousImage : image,
            $"{wait.Message}; " + (back.Ok ? $"rolled back to {run.PreviousImage}" : $"rollback to {run.PreviousImage} failed: {back.Message}"), RollbackFailed: !back.Ok);
    }

    private static Task<ContainerWaitResult> WaitAsync(IAgentClient client, StackConfig stack, string container, CancellationToken ct)
    {
        var deploy = stack.Deploy ?? new StackDeployConfig();
        return client.RequestAsync(AgentMethods.ContainerWait,
            new ContainerWaitRequest(container, deploy.StartTimeoutSeconds, StableSeconds, Math.Min(deploy.LogTail, 50)),
            TimeSpan.FromSeconds(deploy.StartTimeoutSeconds + 30), ct);
    }
}
