namespace Monitor.Shared.Protocol;

public static partial class AgentMethods
{
    // volumes: the host's block devices, filesystems and mounts (the v0 system's EBS step)
    public static readonly RequestMethod<DisksRequest, DisksResult> HostDisks = new("host.disks", AgentRole.Viewer);
    public static readonly RequestMethod<VolumeFormatRequest, VolumeResult> VolumeFormat = new("volume.format", AgentRole.Admin, TimeSpan.FromMinutes(10));
    public static readonly RequestMethod<VolumeMountRequest, VolumeResult> VolumeMount = new("volume.mount", AgentRole.Admin, TimeSpan.FromMinutes(2));
    public static readonly RequestMethod<VolumeUnmountRequest, VolumeResult> VolumeUnmount = new("volume.unmount", AgentRole.Admin, TimeSpan.FromMinutes(2));
}
