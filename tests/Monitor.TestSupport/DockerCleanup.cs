using Docker.DotNet;
using Docker.DotNet.Models;

namespace Monitor.TestSupport;

/// <summary>Removes the containers and images a test made (names start with its unique prefix), also after failures.</summary>
public static class DockerCleanup
{
    public static DockerClient Client() => new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();

    public static async Task RemoveAsync(DockerClient docker, string prefix)
    {
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        foreach (var c in containers.Where(c => c.Names.Any(n => n.TrimStart('/').StartsWith(prefix, StringComparison.Ordinal))
                                                || (c.Labels?.TryGetValue("com.docker.compose.project", out var p) == true && p.StartsWith(prefix, StringComparison.Ordinal))))
        {
            try { await docker.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true }); } catch (DockerApiException) { }
        }
        var images = await docker.Images.ListImagesAsync(new ImagesListParameters { All = false });
        foreach (var image in images.Where(i => (i.RepoTags ?? []).Any(t => t.Contains(prefix, StringComparison.Ordinal))))
        {
            try { await docker.Images.DeleteImageAsync(image.ID, new ImageDeleteParameters { Force = true }); } catch (DockerApiException) { }
        }
        var volumes = await docker.Volumes.ListAsync(new VolumesListParameters());
        foreach (var v in (volumes.Volumes ?? []).Where(v => v.Name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            try { await docker.Volumes.RemoveAsync(v.Name, force: true); } catch (DockerApiException) { }
        }
        var networks = await docker.Networks.ListNetworksAsync();
        foreach (var n in networks.Where(n => n.Name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            try { await docker.Networks.DeleteNetworkAsync(n.ID); } catch (DockerApiException) { }
        }
    }

    public static string Prefix(string area) => $"mt-{area}-{Guid.NewGuid().ToString("N")[..8]}";
}
