namespace Monitor.Shared.Models;

/// <summary>History action types of `monitor server volume` (admin actions on a server's block devices).</summary>
public static class VolumeActionTypes
{
    public const string Format = "volume.format";
    public const string Mount = "volume.mount";
    public const string Unmount = "volume.unmount";
}
