using Monitor.Agent.Dispatch;
using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks;

/// <summary>image.tag, image.push, image.pull. Registry credentials come with each request and are only handed to the
/// engine (X-Registry-Auth); they are never logged or echoed.</summary>
public sealed class ImageTransferHandler(DockerClient docker)
{
    public async Task<ImageRefResult> TagAsync(ImageTagRequest request, CancellationToken ct)
    {
        var source = StackInputRules.Ref(request.Source, "source image");
        var repository = StackInputRules.Ref(request.Repository, "repository");
        var tag = StackInputRules.Ref(request.Tag, "tag");
        try
        {
            await docker.Images.TagImageAsync(source, new ImageTagParameters { RepositoryName = repository, Tag = tag }, ct).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            throw new AgentRequestException(ErrorCodes.NotFound, $"image {source} does not exist on this server; build or pull it first");
        }
        return new ImageRefResult($"{repository}:{tag}");
    }

    public async Task<ImageRefResult> PushAsync(ImageTransferRequest request, Func<OutputBatch, CancellationToken, ValueTask> emit, CancellationToken ct)
    {
        var (repository, tag) = Validate(request);
        var pump = new OutputPump(emit, ct);
        try
        {
            await docker.Images.PushImageAsync($"{repository}:{tag}", new ImagePushParameters { Tag = tag }, ToAuth(request.Auth), pump, ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            await pump.CompleteAsync().ConfigureAwait(false);
            throw new AgentRequestException(ErrorCodes.DockerError, $"push of {repository}:{tag} failed: {ex.ResponseBody?.Trim()}; check the registry address and credentials");
        }
        await pump.CompleteAsync().ConfigureAwait(false);
        if (pump.Error is { } error)
            throw new AgentRequestException(ErrorCodes.DockerError, $"push of {repository}:{tag} failed: {error.Trim()}; check the registry address and credentials");
        return new ImageRefResult($"{repository}:{tag}");
    }

    public async Task<ImageRefResult> PullAsync(ImageTransferRequest request, Func<OutputBatch, CancellationToken, ValueTask> emit, CancellationToken ct)
    {
        var (repository, tag) = Validate(request);
        var pump = new OutputPump(emit, ct);
        try
        {
            await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag }, ToAuth(request.Auth), pump, ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            await pump.CompleteAsync().ConfigureAwait(false);
            throw new AgentRequestException(ErrorCodes.DockerError, $"pull of {repository}:{tag} failed: {ex.ResponseBody?.Trim()}; check the image name, registry and credentials");
        }
        await pump.CompleteAsync().ConfigureAwait(false);
        if (pump.Error is { } error)
            throw new AgentRequestException(ErrorCodes.DockerError, $"pull of {repository}:{tag} failed: {error.Trim()}; check the image name, registry and credentials");
        var image = await docker.Images.InspectImageAsync($"{repository}:{tag}", ct).ConfigureAwait(false);
        return new ImageRefResult($"{repository}:{tag}", image.RepoDigests?.FirstOrDefault());
    }

    private static (string Repository, string Tag) Validate(ImageTransferRequest request) =>
        (StackInputRules.Ref(request.Repository, "repository"), StackInputRules.Ref(request.Tag, "tag"));

    private static AuthConfig ToAuth(RegistryAuth? auth) =>
        auth is null ? new AuthConfig() : new AuthConfig { Username = auth.Username, Password = auth.Password, ServerAddress = auth.ServerAddress };
}
