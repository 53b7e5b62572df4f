using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Volumes;

/// <summary>host.disks, volume.format, volume.mount and volume.unmount (admin only but host.disks, see the descriptors).
/// Format refuses a mounted device, and one that already holds a filesystem unless forced; every tool is run with an
/// argument list.</summary>
public static class VolumeHandlers
{
    private static readonly string[] FileSystems = ["ext4", "xfs"];

    public static void Register(HandlerRegistry registry, AgentServices services)
    {
        var fstab = new FstabFile(services.Config.Fstab);
        registry.Handle(AgentMethods.HostDisks, (_, ct) => BlockDevices.ReadAsync(ct));
        registry.Handle(AgentMethods.VolumeFormat, FormatAsync);
        registry.Handle(AgentMethods.VolumeMount, (r, ct) => MountAsync(r, fstab, ct));
        registry.Handle(AgentMethods.VolumeUnmount, UnmountAsync);
    }

    private static async Task<VolumeResult> FormatAsync(VolumeFormatRequest request, CancellationToken ct)
    {
        var fs = string.IsNullOrEmpty(request.FsType) ? "ext4" : request.FsType;
        if (!FileSystems.Contains(fs))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"filesystem '{fs}' is not supported: use {string.Join(" or ", FileSystems)}");
        var device = DevicePath.Resolve(request.Device);
        var mounts = MountsOf(device);
        if (mounts.Count > 0)
            throw new AgentRequestException(ErrorCodes.Conflict, $"{device} is mounted at {string.Join(", ", mounts)}; unmount it first (formatting a mounted device is never allowed)");
        if (HasHolders(device))
            throw new AgentRequestException(ErrorCodes.Conflict, $"{device} is in use (it has partitions, or LVM/RAID holds it); format the partition instead");
        var (current, _, _) = await BlockDevices.ProbeAsync(device, ct).ConfigureAwait(false);
        if (current is not null && !request.Force)
            throw new AgentRequestException(ErrorCodes.Conflict, $"{device} already holds a {current} filesystem; formatting erases it: add --force to do it anyway");
        string[] args = fs == "xfs" ? ["-f", device] : ["-F", "-q", device];
        var made = await ToolRunner.RunCheckedAsync("mkfs." + fs, args, ct).ConfigureAwait(false);
        return await ResultAsync(device, null, made.Output + made.Error, ct).ConfigureAwait(false);
    }

    private static async Task<VolumeResult> MountAsync(VolumeMountRequest request, FstabFile fstab, CancellationToken ct)
    {
        var device = DevicePath.Resolve(request.Device);
        var target = DevicePath.MountPoint(request.MountPoint);
        if (target == "/") throw new AgentRequestException(ErrorCodes.InvalidArgument, "a volume cannot be mounted at /; choose a directory such as /mnt/data");
        var mounts = MountsOf(device);
        if (mounts.Contains(target))
            throw new AgentRequestException(ErrorCodes.Conflict, $"{device} is already mounted at {target}");
        if (BlockDevices.ReadMounts().Any(m => m.Target == target))
            throw new AgentRequestException(ErrorCodes.Conflict, $"something else is already mounted at {target}; unmount it first or choose another directory");
        var (fs, uuid, _) = await BlockDevices.ProbeAsync(device, ct).ConfigureAwait(false);
        if (fs is null)
            throw new AgentRequestException(ErrorCodes.Conflict, $"{device} holds no filesystem; format it first (`monitor server volume format`)");
        Directory.CreateDirectory(target);
        var mounted = await ToolRunner.RunCheckedAsync("mount", ["-t", fs, "--", device, target], ct).ConfigureAwait(false);
        string? line = null;
        if (request.Fstab)
        {
            if (uuid is null) throw new AgentRequestException(ErrorCodes.Conflict, $"{device} is mounted but its filesystem has no UUID, so no fstab line was written");
            line = await fstab.AppendAsync(uuid, target, fs, ct).ConfigureAwait(false);
        }
        return await ResultAsync(device, line, mounted.Output + mounted.Error, ct).ConfigureAwait(false);
    }

    private static async Task<VolumeResult> UnmountAsync(VolumeUnmountRequest request, CancellationToken ct)
    {
        var device = DevicePath.Resolve(request.Device);
        var mounts = MountsOf(device);
        if (mounts.Count == 0) throw new AgentRequestException(ErrorCodes.Conflict, $"{device} is not mounted");
        var output = "";
        // Innermost first: a later mount may sit on top of an earlier one.
        foreach (var target in mounts.AsEnumerable().Reverse())
        {
            var result = await ToolRunner.RunCheckedAsync("umount", ["--", target], ct).ConfigureAwait(false);
            output += result.Output + result.Error;
        }
        return await ResultAsync(device, null, output, ct).ConfigureAwait(false);
    }

    private static List<string> MountsOf(string device) =>
        BlockDevices.ReadMounts().Where(m => Same(m.Source, device)).Select(m => m.Target).ToList();

    private static bool Same(string source, string device)
    {
        if (source == device) return true;
        try { return (new FileInfo(source).ResolveLinkTarget(true)?.FullName ?? source) == device; }
        catch (IOException) { return false; }
    }

    private static bool HasHolders(string device)
    {
        var sys = Path.Combine("/sys/class/block", Path.GetFileName(device));
        var holders = Path.Combine(sys, "holders");
        var hasPartitions = Directory.Exists(sys) && Directory.EnumerateDirectories(sys).Any(d => File.Exists(Path.Combine(d, "partition")));
        return hasPartitions || (Directory.Exists(holders) && Directory.EnumerateFileSystemEntries(holders).Any());
    }

    private static async Task<VolumeResult> ResultAsync(string device, string? fstabLine, string output, CancellationToken ct)
    {
        var (fs, uuid, _) = await BlockDevices.ProbeAsync(device, ct).ConfigureAwait(false);
        return new VolumeResult(device, fs, uuid, MountsOf(device), fstabLine, output.Trim());
    }
}
