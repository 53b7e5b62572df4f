using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>Build → tag → push: builds NAME:MAJOR.MINOR.PATCH (next patch from the recorded builds), tags it `latest`
/// and with the git commit, pushes the three tags to the registry (when one is configured) and records the build.</summary>
public static class ImageBuildStep
{
    /// <summary>Builds <paramref name="version"/> when given (a remote-repo deploy builds one version on every
    /// target), else claims the next one.</summary>
    public static async Task<BuildRecord> RunAsync(IAgentClient client, StackConfig stack, GitSyncResult checkout, RegistryTarget? registry,
        StackDocuments documents, IProgress<StackOutput> output, string? version, CancellationToken ct)
    {
        var build = stack.Build ?? throw new OperationFailedException($"stack {stack.Name} has no [build]", "invalid_argument");
        var contextPath = Path.Combine(checkout.Path, build.Path);
        await ScriptStep.RunAsync(client, "build-script", build.Scripts, contextPath, output, ct).ConfigureAwait(false);

        version ??= await documents.ClaimNextVersionAsync(stack.Name, build.Version, checkout.Commit, ct).ConfigureAwait(false);
        var imageName = build.ImageName ?? stack.Name;
        var repository = registry?.Repository(imageName) ?? imageName;
        var commitTag = "git-" + checkout.ShortCommit;
        output.Report(new StackOutput("build", client.ServerName, "stdout", $"building {repository}:{version} from {checkout.ShortCommit}"));
        var labels = new Dictionary<string, string> { ["monitor.stack"] = stack.Name, ["monitor.version"] = version, ["monitor.commit"] = checkout.Commit };
        var built = await AgentStreams.RunAsync<ImageBuildRequest, ImageBuildResult>(client, AgentMethods.ImageBuild,
            new ImageBuildRequest(contextPath, build.Dockerfile, [$"{repository}:{version}"], build.Args, labels), "build", output, ct).ConfigureAwait(false);

        foreach (var tag in new[] { "latest", commitTag })
        {
            var tagged = await client.RequestAsync(AgentMethods.ImageTag, new ImageTagRequest($"{repository}:{version}", repository, tag), ct: ct).ConfigureAwait(false);
            output.Report(new StackOutput("tag", client.ServerName, "stdout", $"tagged {tagged.Image}"));
        }

        if (registry is not null)
            foreach (var tag in new[] { version, "latest", commitTag })
            {
                var pushed = await AgentStreams.RunAsync<ImageTransferRequest, ImageRefResult>(client, AgentMethods.ImagePush,
                    new ImageTransferRequest(repository, tag, registry.Auth), "push", output, ct).ConfigureAwait(false);
                output.Report(new StackOutput("push", client.ServerName, "stdout", $"pushed {pushed.Image}"));
            }

        var record = new BuildRecord { Stack = stack.Name, Version = version, Commit = checkout.Commit, Image = $"{repository}:{version}", ImageId = built.ImageId, Server = client.ServerName };
        await documents.PutBuildAsync(record, ct).ConfigureAwait(false);
        return record;
    }
}
