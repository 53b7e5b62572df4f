using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

/// <summary>The Docker views of one server: processes, live engine events, disk usage, images, volumes, networks.
/// Removing and pruning are recorded in the action history.</summary>
public interface IDockerService
{
    Task<ContainerTop> TopAsync(string server, string container, string? psArgs = null, CancellationToken ct = default);
    /// <summary>Engine events until <see cref="DockerEventsRequest.Until"/> or cancellation.</summary>
    IAsyncEnumerable<IReadOnlyList<DockerEvent>> EventsAsync(string server, DockerEventsRequest request, CancellationToken ct = default);
    Task<DockerDiskUsage> DiskUsageAsync(string server, CancellationToken ct = default);
    Task<IReadOnlyList<ImageInfo>> ImagesAsync(string server, bool all = false, CancellationToken ct = default);
    Task<ImageRemoveResult> RemoveImageAsync(string server, string image, bool force = false, CancellationToken ct = default);
    Task<PruneResult> PruneImagesAsync(string server, PruneRequest request, CancellationToken ct = default);
    Task<IReadOnlyList<VolumeInfo>> VolumesAsync(string server, bool danglingOnly = false, CancellationToken ct = default);
    Task<VolumeDetails> InspectVolumeAsync(string server, string volume, CancellationToken ct = default);
    Task<VolumeRemoveResult> RemoveVolumeAsync(string server, string volume, bool force = false, CancellationToken ct = default);
    Task<PruneResult> PruneVolumesAsync(string server, PruneRequest request, CancellationToken ct = default);
    Task<IReadOnlyList<NetworkInfo>> NetworksAsync(string server, CancellationToken ct = default);
}
