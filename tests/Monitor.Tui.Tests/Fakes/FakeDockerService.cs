using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Tui.Tests.Fakes;

/// <summary>Docker views for pane tests: a fixed process table and a list of engine events; records calls.</summary>
public sealed class FakeDockerService : IDockerService
{
    public ConcurrentQueue<string> Calls { get; } = new();
    public List<DockerEvent> Events { get; } = [];

    public Task<ContainerTop> TopAsync(string server, string container, string? psArgs = null, CancellationToken ct = default)
    {
        Calls.Enqueue($"top {server}/{container}");
        return Task.FromResult(new ContainerTop(container, container, ["PID", "USER", "CMD"],
            [["1", "root", "sleep 3600"], ["42", "nobody", "httpd -f -p 8080"]]));
    }

    public async IAsyncEnumerable<IReadOnlyList<DockerEvent>> EventsAsync(string server, DockerEventsRequest request, [EnumeratorCancellation] CancellationToken ct = default)
    {
        Calls.Enqueue($"events {server} since={request.Since is not null} until={request.Until is not null}");
        await Task.Yield();
        yield return Events.ToList();
    }

    public Task<DockerDiskUsage> DiskUsageAsync(string server, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<ImageInfo>> ImagesAsync(string server, bool all = false, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<ImageRemoveResult> RemoveImageAsync(string server, string image, bool force = false, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<PruneResult> PruneImagesAsync(string server, PruneRequest request, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<VolumeInfo>> VolumesAsync(string server, bool danglingOnly = false, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<VolumeDetails> InspectVolumeAsync(string server, string volume, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<VolumeRemoveResult> RemoveVolumeAsync(string server, string volume, bool force = false, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<PruneResult> PruneVolumesAsync(string server, PruneRequest request, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<NetworkInfo>> NetworksAsync(string server, CancellationToken ct = default) => throw new NotSupportedException();
}
