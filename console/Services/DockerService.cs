using System.Runtime.CompilerServices;
using Monitor.Control.Agents;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

public sealed class DockerService(ServerDirectory directory, ActionRecorder recorder) : IDockerService
{
    public Task<ContainerTop> TopAsync(string server, string container, string? psArgs = null, CancellationToken ct = default) =>
        RequestAsync(server, AgentMethods.ContainerTop, new ContainerTopRequest(container, psArgs), ct);

    public async IAsyncEnumerable<IReadOnlyList<DockerEvent>> EventsAsync(string server, DockerEventsRequest request, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var client = await directory.ConnectedClientAsync(server, ct).ConfigureAwait(false);
        IAgentStream<DockerEventBatch, DockerEventsEnd> stream;
        try { stream = await client.OpenStreamAsync(AgentMethods.SystemEvents, request, ct).ConfigureAwait(false); }
        catch (AgentException e) { throw new OperationFailedException(e.Message, e.Code, e); }
        await using (stream.ConfigureAwait(false))
        {
            var batches = stream.ReadAllAsync(ct).GetAsyncEnumerator(ct);
            await using (batches.ConfigureAwait(false))
            {
                while (true)
                {
                    try { if (!await batches.MoveNextAsync().ConfigureAwait(false)) yield break; }
                    catch (AgentException e) { throw new OperationFailedException(e.Message, e.Code, e); }
                    yield return batches.Current.Events;
                }
            }
        }
    }

    public Task<DockerDiskUsage> DiskUsageAsync(string server, CancellationToken ct = default) =>
        RequestAsync(server, AgentMethods.SystemDf, new DockerDiskUsageRequest(), ct);

    public async Task<IReadOnlyList<ImageInfo>> ImagesAsync(string server, bool all = false, CancellationToken ct = default) =>
        (await RequestAsync(server, AgentMethods.ImageList, new ImageListRequest(all), ct).ConfigureAwait(false)).Images;

    public Task<ImageRemoveResult> RemoveImageAsync(string server, string image, bool force = false, CancellationToken ct = default) =>
        RecordAsync(DockerActionTypes.ImageRemove, server, image, AgentMethods.ImageRemove, new ImageRemoveRequest(image, force),
            new Dictionary<string, string> { ["force"] = force ? "true" : "false" },
            r => string.Concat(r.Untagged.Select(u => $"untagged {u}\n")) + string.Concat(r.Deleted.Select(d => $"deleted {d}\n")), ct);

    public Task<PruneResult> PruneImagesAsync(string server, PruneRequest request, CancellationToken ct = default) =>
        RecordAsync(DockerActionTypes.ImagePrune, server, null, AgentMethods.ImagePrune, request, PruneParameters(request), PruneOutput, ct);

    public async Task<IReadOnlyList<VolumeInfo>> VolumesAsync(string server, bool danglingOnly = false, CancellationToken ct = default) =>
        (await RequestAsync(server, AgentMethods.VolumeList, new VolumeListRequest(danglingOnly), ct).ConfigureAwait(false)).Volumes;

    public Task<VolumeDetails> InspectVolumeAsync(string server, string volume, CancellationToken ct = default) =>
        RequestAsync(server, AgentMethods.VolumeInspect, new VolumeRef(volume), ct);

    public Task<VolumeRemoveResult> RemoveVolumeAsync(string server, string volume, bool force = false, CancellationToken ct = default) =>
        RecordAsync(DockerActionTypes.VolumeRemove, server, volume, AgentMethods.VolumeRemove, new VolumeRemoveRequest(volume, force),
            new Dictionary<string, string> { ["force"] = force ? "true" : "false" }, r => $"removed {r.Name}\n", ct);

    public Task<PruneResult> PruneVolumesAsync(string server, PruneRequest request, CancellationToken ct = default) =>
        RecordAsync(DockerActionTypes.VolumePrune, server, null, AgentMethods.VolumePrune, request, PruneParameters(request), PruneOutput, ct);

    public async Task<IReadOnlyList<NetworkInfo>> NetworksAsync(string server, CancellationToken ct = default) =>
        (await RequestAsync(server, AgentMethods.NetworkList, new NetworkListRequest(), ct).ConfigureAwait(false)).Networks;

    private async Task<TRes> RequestAsync<TReq, TRes>(string server, RequestMethod<TReq, TRes> method, TReq request, CancellationToken ct)
    {
        var client = await directory.ClientAsync(server, ct).ConfigureAwait(false);
        return await AgentCalls.GuardAsync(() => client.RequestAsync(method, request, null, ct)).ConfigureAwait(false);
    }

    private async Task<TRes> RecordAsync<TReq, TRes>(string type, string server, string? target, RequestMethod<TReq, TRes> method, TReq request,
        IReadOnlyDictionary<string, string> parameters, Func<TRes, string> output, CancellationToken ct)
    {
        var client = await directory.ConnectedClientAsync(server, ct).ConfigureAwait(false);
        return await recorder.RecordAsync(type, server, null, target, parameters, async action =>
        {
            var result = await AgentCalls.GuardAsync(() => client.RequestAsync(method, request, null, ct)).ConfigureAwait(false);
            action.AppendOutput(output(result));
            return result;
        }, ct).ConfigureAwait(false);
    }

    private static Dictionary<string, string> PruneParameters(PruneRequest request)
    {
        var parameters = new Dictionary<string, string> { ["all"] = request.All ? "true" : "false" };
        if (request.LabelFilter is { Count: > 0 } labels) parameters["label"] = string.Join(",", labels);
        return parameters;
    }

    private static string PruneOutput(PruneResult r) =>
        string.Concat(r.Removed.Select(x => $"removed {x}\n")) + $"reclaimed {r.ReclaimedBytes} bytes\n";
}
