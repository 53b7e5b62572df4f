using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Agent.Containers;
using Monitor.Shared.Protocol;
using VolumeInfo = Monitor.Shared.Protocol.VolumeInfo;

namespace Monitor.Agent.DockerViews;

/// <summary>volume.list, volume.inspect (with the containers that mount it), volume.remove, volume.prune.</summary>
public sealed class VolumeViews(DockerClient docker)
{
    public async Task<VolumeListResponse> ListAsync(VolumeListRequest request, CancellationToken ct)
    {
        var parameters = new VolumesListParameters();
        if (request.DanglingOnly)
            parameters.Filters = new Dictionary<string, IDictionary<string, bool>> { ["dangling"] = new Dictionary<string, bool> { ["true"] = true } };
        var answer = await DockerCalls.RunAsync("list volumes", () => docker.Volumes.ListAsync(parameters, ct)).ConfigureAwait(false);
        return new VolumeListResponse((answer.Volumes ?? []).Select(Map).OrderBy(v => v.Name, StringComparer.Ordinal).ToList());
    }

    public async Task<VolumeDetails> InspectAsync(VolumeRef request, CancellationToken ct)
    {
        var name = DockerNames.RequireVolume(request.Volume);
        var volume = await DockerCalls.RunAsync($"volume {name}", () => docker.Volumes.InspectAsync(name, ct)).ConfigureAwait(false);
        var users = await DockerCalls.RunAsync($"containers using {name}", () => docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["volume"] = new Dictionary<string, bool> { [name] = true } },
        }, ct)).ConfigureAwait(false);
        return new VolumeDetails(Map(volume), new Dictionary<string, string>(volume.Options ?? new Dictionary<string, string>()),
            users.Select(c => (c.Names?.FirstOrDefault() ?? c.ID).TrimStart('/')).Order(StringComparer.Ordinal).ToList());
    }

    public async Task<VolumeRemoveResult> RemoveAsync(VolumeRemoveRequest request, CancellationToken ct)
    {
        var name = DockerNames.RequireVolume(request.Volume);
        await DockerCalls.RunAsync($"remove volume {name}", () => docker.Volumes.RemoveAsync(name, request.Force, ct)).ConfigureAwait(false);
        return new VolumeRemoveResult(name);
    }

    public async Task<PruneResult> PruneAsync(PruneRequest request, CancellationToken ct)
    {
        var filters = DockerNames.LabelFilters(request.LabelFilter) ?? new Dictionary<string, IDictionary<string, bool>>();
        // Engines from API 1.42 prune only anonymous volumes unless all=true; older ones prune named volumes as well.
        if (request.All && await ApiAtLeastAsync(1, 42, ct).ConfigureAwait(false))
            filters["all"] = new Dictionary<string, bool> { ["true"] = true };
        var answer = await DockerCalls.RunAsync("prune volumes", () => docker.Volumes.PruneAsync(new VolumesPruneParameters { Filters = filters }, ct)).ConfigureAwait(false);
        return new PruneResult((answer.VolumesDeleted ?? []).ToList(), (long)answer.SpaceReclaimed);
    }

    public static VolumeInfo Map(VolumeResponse v) => new(
        v.Name,
        v.Driver ?? "",
        v.Mountpoint ?? "",
        v.Scope ?? "",
        DateTimeOffset.TryParse(v.CreatedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null,
        new Dictionary<string, string>(v.Labels ?? new Dictionary<string, string>()),
        v.UsageData is { Size: >= 0 } u ? u.Size : null,
        v.UsageData is { RefCount: >= 0 } r ? (int)r.RefCount : null);

    private async Task<bool> ApiAtLeastAsync(int major, int minor, CancellationToken ct)
    {
        var version = await DockerCalls.RunAsync("engine version", () => docker.System.GetVersionAsync(ct)).ConfigureAwait(false);
        return System.Version.TryParse(version.APIVersion, out var api) && api >= new System.Version(major, minor);
    }
}
