using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Volumes;

/// <summary>Checks what a volume method is pointed at: an absolute path under /dev that, with every symlink resolved,
/// is still under /dev and is a block device the kernel lists in /sys/class/block; and absolute mount points.</summary>
public static class DevicePath
{
    public static string Resolve(string device)
    {
        if (string.IsNullOrWhiteSpace(device) || !device.StartsWith("/dev/", StringComparison.Ordinal) || device.Contains("/../", StringComparison.Ordinal))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"'{device}' is not a device: give a block device path under /dev, e.g. /dev/sdb (see `monitor server disks`)");
        if (!File.Exists(device))
            throw new AgentRequestException(ErrorCodes.NotFound, $"{device} does not exist on this server (see `monitor server disks`)");
        var resolved = new FileInfo(device).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(device);
        var name = Path.GetFileName(resolved);
        // The kernel names every block device /dev/NAME (udev links elsewhere resolve to it); a file named like one in a
        // sub-directory such as /dev/shm is not one.
        if (Path.GetDirectoryName(resolved) != "/dev" || !Directory.Exists(Path.Combine("/sys/class/block", name)))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"{device} ({resolved}) is not a block device under /dev (see `monitor server disks`)");
        return resolved;
    }

    public static string MountPoint(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path) || path.Split('/').Contains(".."))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"mount point '{path}' must be an absolute path without '..', e.g. /mnt/data");
        if (path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"mount point '{path}' must not contain spaces or control characters (fstab could not name it)");
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) is { Length: > 0 } p ? p : "/";
    }
}
