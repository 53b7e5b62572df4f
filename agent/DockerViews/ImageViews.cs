using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Agent.Containers;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.DockerViews;

/// <summary>image.list, image.remove, image.prune.</summary>
public sealed class ImageViews(DockerClient docker)
{
    public async Task<ImageListResponse> ListAsync(ImageListRequest request, CancellationToken ct)
    {
        var parameters = new ImagesListParameters { All = request.All };
        if (request.DanglingOnly)
            parameters.Filters = new Dictionary<string, IDictionary<string, bool>> { ["dangling"] = new Dictionary<string, bool> { ["true"] = true } };
        var images = await DockerCalls.RunAsync("list images", () => docker.Images.ListImagesAsync(parameters, ct)).ConfigureAwait(false);
        return new ImageListResponse(images.Select(Map).OrderBy(i => i.Tags.FirstOrDefault() ?? "~" + i.Id, StringComparer.Ordinal).ToList());
    }

    public async Task<ImageRemoveResult> RemoveAsync(ImageRemoveRequest request, CancellationToken ct)
    {
        var image = DockerNames.RequireImage(request.Image);
        var answer = await DockerCalls.RunAsync($"remove image {image}", () => docker.Images.DeleteImageAsync(image,
            new ImageDeleteParameters { Force = request.Force }, ct)).ConfigureAwait(false);
        return new ImageRemoveResult(Values(answer, "Untagged"), Values(answer, "Deleted"));
    }

    public async Task<PruneResult> PruneAsync(PruneRequest request, CancellationToken ct)
    {
        var filters = DockerNames.LabelFilters(request.LabelFilter) ?? new Dictionary<string, IDictionary<string, bool>>();
        // dangling=false prunes every image no container uses (docker image prune --all)
        filters["dangling"] = new Dictionary<string, bool> { [request.All ? "false" : "true"] = true };
        var answer = await DockerCalls.RunAsync("prune images", () => docker.Images.PruneImagesAsync(new ImagesPruneParameters { Filters = filters }, ct)).ConfigureAwait(false);
        var removed = (answer.ImagesDeleted ?? []).SelectMany(d => new[] { d.Untagged, d.Deleted }).Where(s => !string.IsNullOrEmpty(s)).ToList();
        return new PruneResult(removed, (long)answer.SpaceReclaimed);
    }

    public static ImageInfo Map(ImagesListResponse i) => new(
        i.ID,
        (i.RepoTags ?? []).Where(t => t != "<none>:<none>").ToList(),
        new DateTimeOffset(DateTime.SpecifyKind(i.Created, DateTimeKind.Utc)),
        i.Size,
        Math.Max(0, i.SharedSize),
        (int)Math.Max(0, i.Containers));

    private static List<string> Values(IList<IDictionary<string, string>> answer, string key) =>
        answer.Where(d => d.ContainsKey(key)).Select(d => d[key]).ToList();
}
