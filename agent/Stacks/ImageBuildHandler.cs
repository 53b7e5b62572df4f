using Monitor.Agent.Dispatch;
using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Shared.Protocol;
using ImageBuildResult = Monitor.Shared.Protocol.ImageBuildResult;

namespace Monitor.Agent.Stacks;

/// <summary>image.build: tars a build context inside WorkDir (without .git) and builds it with the engine's classic
/// builder, streaming the build output.</summary>
public sealed class ImageBuildHandler(DockerClient docker, string workDir)
{
    public async Task<ImageBuildResult> BuildAsync(ImageBuildRequest request, Func<OutputBatch, CancellationToken, ValueTask> emit, CancellationToken ct)
    {
        var context = StackInputRules.PathInside(workDir, workDir, request.ContextPath, "build context");
        if (!Directory.Exists(context)) throw new AgentRequestException(ErrorCodes.NotFound, $"build context {context} does not exist; check the stack's build path");
        var dockerfile = StackInputRules.PathInside(workDir, context, request.Dockerfile, "Dockerfile");
        if (!File.Exists(dockerfile)) throw new AgentRequestException(ErrorCodes.NotFound, $"Dockerfile {dockerfile} does not exist; check the stack's dockerfile setting");
        if (request.Tags.Count == 0) throw new AgentRequestException(ErrorCodes.InvalidArgument, "a build needs at least one tag");
        foreach (var tag in request.Tags) StackInputRules.Ref(tag, "image tag");

        await using var tar = await BuildContextTar.CreateAsync(context, Path.GetRelativePath(context, dockerfile), ct).ConfigureAwait(false);
        var pump = new OutputPump(emit, ct);
        var parameters = new ImageBuildParameters
        {
            Dockerfile = Path.GetRelativePath(context, dockerfile),
            Tags = request.Tags.ToList(),
            BuildArgs = request.BuildArgs?.ToDictionary() ?? [],
            Labels = request.Labels?.ToDictionary() ?? [],
            NoCache = request.NoCache,
            Remove = true,
            ForceRemove = true,
        };
        try
        {
            await docker.Images.BuildImageFromDockerfileAsync(parameters, tar, null, null, pump, ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            pump.Write("stderr", ex.ResponseBody + "\n");
            await pump.CompleteAsync().ConfigureAwait(false);
            throw new AgentRequestException(ErrorCodes.DockerError, $"image build failed: {ex.ResponseBody?.Trim()}");
        }
        await pump.CompleteAsync().ConfigureAwait(false);
        if (pump.Error is { } error) throw new AgentRequestException(ErrorCodes.DockerError, $"image build failed: {error.Trim()}");
        var image = await docker.Images.InspectImageAsync(request.Tags[0], ct).ConfigureAwait(false);
        return new ImageBuildResult(image.ID, request.Tags);
    }
}
