using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Volumes;

/// <summary>`monitor server disks` and `monitor server volume format|mount|unmount`: a server's block devices through
/// its agent. The changes are admin actions, recorded in the history with the device, filesystem and mount point.</summary>
public sealed class DiskService(ServerDirectory directory, ActionRecorder recorder)
{
    public async Task<DisksResult> ListAsync(string server, CancellationToken ct)
    {
        var client = await directory.ConnectedClientAsync(server, ct).ConfigureAwait(false);
        return await CallAsync(server, "disks", () => client.RequestAsync(AgentMethods.HostDisks, new DisksRequest(), ct: ct)).ConfigureAwait(false);
    }

    public Task<VolumeResult> FormatAsync(string server, string device, string fsType, bool force, CancellationToken ct) =>
        RecordAsync(VolumeActionTypes.Format, server, device, new Dictionary<string, string> { ["fs"] = fsType, ["force"] = force ? "true" : "false" },
            client => client.RequestAsync(AgentMethods.VolumeFormat, new VolumeFormatRequest(device, fsType, force), ct: ct), ct);

    public Task<VolumeResult> MountAsync(string server, string device, string mountPoint, bool fstab, CancellationToken ct) =>
        RecordAsync(VolumeActionTypes.Mount, server, device, new Dictionary<string, string> { ["at"] = mountPoint, ["fstab"] = fstab ? "true" : "false" },
            client => client.RequestAsync(AgentMethods.VolumeMount, new VolumeMountRequest(device, mountPoint, fstab), ct: ct), ct);

    public Task<VolumeResult> UnmountAsync(string server, string device, CancellationToken ct) =>
        RecordAsync(VolumeActionTypes.Unmount, server, device, new Dictionary<string, string>(),
            client => client.RequestAsync(AgentMethods.VolumeUnmount, new VolumeUnmountRequest(device), ct: ct), ct);

    private async Task<VolumeResult> RecordAsync(string type, string server, string device, Dictionary<string, string> parameters,
        Func<IAgentClient, Task<VolumeResult>> call, CancellationToken ct)
    {
        var client = await directory.ConnectedClientAsync(server, ct).ConfigureAwait(false);
        if (client is Fleet.IAgentIdentity { Role: { } role } && role != "admin")
            throw new OperationFailedException(
                $"{type} needs the admin role on {server}; this console's key is {role} there (role= on its authorized_keys line)", ErrorCodes.Forbidden);
        return await recorder.RecordAsync(type, server, null, device, parameters, async action =>
        {
            var result = await CallAsync(server, type, () => call(client)).ConfigureAwait(false);
            action.AppendOutput(result.Output);
            if (result.FsType is not null) action.SetResult("fs", result.FsType);
            if (result.Uuid is not null) action.SetResult("uuid", result.Uuid);
            action.SetResult("mounts", string.Join(",", result.MountPoints));
            if (result.FstabLine is not null) action.SetResult("fstab", result.FstabLine);
            return result;
        }, ct).ConfigureAwait(false);
    }

    private static async Task<T> CallAsync<T>(string server, string what, Func<Task<T>> call)
    {
        try { return await call().ConfigureAwait(false); }
        catch (AgentException e) { throw new OperationFailedException($"{what} on {server}: {e.Message}", e.Code, e); }
    }
}
