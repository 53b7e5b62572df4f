using System.Text.Json;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Volumes;

/// <summary>The host's block devices (lsblk -J) and device-backed mounts (/proc/self/mounts). lsblk's filesystem
/// columns come from udev, which containers and minimal hosts lack, so a device without them is probed with blkid -p.</summary>
public static class BlockDevices
{
    private static readonly string[] Columns = ["NAME", "PATH", "SIZE", "TYPE", "FSTYPE", "UUID", "LABEL", "MOUNTPOINTS"];

    public static async Task<DisksResult> ReadAsync(CancellationToken ct)
    {
        var lsblk = await ToolRunner.RunCheckedAsync("lsblk", ["-J", "-b", "-o", string.Join(',', Columns)], ct).ConfigureAwait(false);
        var devices = new List<BlockDeviceInfo>();
        using (var doc = JsonDocument.Parse(lsblk.Output))
            foreach (var device in doc.RootElement.GetProperty("blockdevices").EnumerateArray()) Flatten(device, null, devices);
        for (var i = 0; i < devices.Count; i++)
            if (devices[i].FsType is null && devices[i].SizeBytes > 0)
            {
                var (fs, uuid, label) = await ProbeAsync(devices[i].Path, ct).ConfigureAwait(false);
                devices[i] = devices[i] with { FsType = fs, Uuid = uuid, Label = label ?? devices[i].Label };
            }
        return new DisksResult(devices, ReadMounts());
    }

    /// <summary>The filesystem on <paramref name="device"/> read from the device itself (blkid -p, no cache): type, UUID, label.</summary>
    public static async Task<(string? FsType, string? Uuid, string? Label)> ProbeAsync(string device, CancellationToken ct)
    {
        var result = await ToolRunner.RunAsync("blkid", ["-p", "-o", "export", device], ct).ConfigureAwait(false);
        if (result.ExitCode != 0) return (null, null, null);
        var values = result.Output.Split('\n').Select(l => l.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        return (values.GetValueOrDefault("TYPE") ?? values.GetValueOrDefault("PTTYPE"), values.GetValueOrDefault("UUID"), values.GetValueOrDefault("LABEL"));
    }

    public static IReadOnlyList<HostMount> ReadMounts() =>
        File.ReadAllLines("/proc/self/mounts")
            .Select(l => l.Split(' '))
            .Where(p => p.Length >= 4 && p[0].StartsWith("/dev/", StringComparison.Ordinal))
            .Select(p => new HostMount(Unescape(p[0]), Unescape(p[1]), p[2], p[3]))
            .ToList();

    /// <summary>/proc/mounts writes space, tab, newline and backslash as octal escapes (\040).</summary>
    private static string Unescape(string field) =>
        System.Text.RegularExpressions.Regex.Replace(field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());

    private static void Flatten(JsonElement device, string? parent, List<BlockDeviceInfo> into)
    {
        var name = Text(device, "name") ?? "";
        var mounts = device.TryGetProperty("mountpoints", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList() : [];
        var size = device.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
        into.Add(new BlockDeviceInfo(name, Text(device, "path") ?? "/dev/" + name, size, Text(device, "type") ?? "",
            Text(device, "fstype"), Text(device, "uuid"), Text(device, "label"), mounts, parent));
        if (device.TryGetProperty("children", out var children))
            foreach (var child in children.EnumerateArray()) Flatten(child, name, into);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
