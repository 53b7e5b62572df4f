namespace Monitor.Shared.Protocol;

/// <summary>host.disks: nothing to ask.</summary>
public sealed record DisksRequest;

/// <summary>One block device as lsblk sees it (partitions and loop devices included); <paramref name="Parent"/> is the
/// disk a partition belongs to.</summary>
public sealed record BlockDeviceInfo(string Name, string Path, long SizeBytes, string Type, string? FsType, string? Uuid,
    string? Label, IReadOnlyList<string> MountPoints, string? Parent);

/// <summary>One mounted filesystem backed by a device under /dev (from /proc/self/mounts).</summary>
public sealed record HostMount(string Source, string Target, string FsType, string Options);

public sealed record DisksResult(IReadOnlyList<BlockDeviceInfo> Devices, IReadOnlyList<HostMount> Mounts);

/// <summary>volume.format: makes a <paramref name="FsType"/> filesystem (ext4 or xfs) on <paramref name="Device"/>.
/// Refused for a mounted device, and for one already holding a filesystem unless <paramref name="Force"/>.</summary>
public sealed record VolumeFormatRequest(string Device, string FsType, bool Force);

/// <summary>volume.mount: mounts <paramref name="Device"/> at the absolute <paramref name="MountPoint"/> (made if missing);
/// <paramref name="Fstab"/> adds a UUID= line to the agent's fstab (config `fstab`, /etc/fstab) atomically.</summary>
public sealed record VolumeMountRequest(string Device, string MountPoint, bool Fstab);

/// <summary>volume.unmount: unmounts <paramref name="Device"/> from every place it is mounted.</summary>
public sealed record VolumeUnmountRequest(string Device);

/// <summary>What a volume method did: the resolved device, its filesystem and UUID now, where it is mounted now,
/// the fstab line written (if any) and the tools' output.</summary>
public sealed record VolumeResult(string Device, string? FsType, string? Uuid, IReadOnlyList<string> MountPoints, string? FstabLine, string Output);
