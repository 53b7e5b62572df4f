using System.Text.Json;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.DockerViews;

/// <summary>system.df from the engine's GET /system/df (the numbers `docker system df` prints): a summary row per
/// kind with what pruning would reclaim, and the images, containers and volumes behind it.</summary>
public static class DiskUsageReader
{
    public static async Task<DockerDiskUsage> ReadAsync(EngineHttp engine, CancellationToken ct)
    {
        using var doc = await engine.GetJsonAsync("system/df", "disk usage", ct).ConfigureAwait(false);
        return Parse(doc.RootElement);
    }

    public static DockerDiskUsage Parse(JsonElement root)
    {
        var images = Array(root, "Images").Select(i => new ImageInfo(
            Str(i, "Id"),
            Array(i, "RepoTags").Select(t => t.GetString() ?? "").Where(t => t.Length > 0 && t != "<none>:<none>").ToList(),
            DateTimeOffset.FromUnixTimeSeconds(Long(i, "Created")),
            Long(i, "Size"),
            Math.Max(0, Long(i, "SharedSize")),
            (int)Math.Max(0, Long(i, "Containers")))).ToList();
        var containers = Array(root, "Containers").Select(c => new ContainerDiskUsage(
            Str(c, "Id"),
            (Array(c, "Names").Select(n => n.GetString()).FirstOrDefault() ?? Str(c, "Id")).TrimStart('/'),
            Str(c, "Image"),
            Str(c, "State"),
            Long(c, "SizeRw"),
            Long(c, "SizeRootFs"))).ToList();
        var volumes = Array(root, "Volumes").Select(v => new VolumeInfo(
            Str(v, "Name"), Str(v, "Driver"), Str(v, "Mountpoint"), Str(v, "Scope"),
            DateTimeOffset.TryParse(Str(v, "CreatedAt"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null,
            v.TryGetProperty("Labels", out var l) && l.ValueKind == JsonValueKind.Object
                ? l.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "") : new Dictionary<string, string>(),
            v.TryGetProperty("UsageData", out var u) ? Long(u, "Size") : null,
            v.TryGetProperty("UsageData", out var r) ? (int)Long(r, "RefCount") : null)).ToList();
        var cache = Array(root, "BuildCache").ToList();

        // Reclaimable as the docker CLI counts it: unused images (minus layers shared with used ones), stopped containers'
        // writable layers, volumes no container references, build cache not in use.
        var imagesSize = root.TryGetProperty("LayersSize", out var ls) ? ls.GetInt64() : images.Sum(i => i.SizeBytes - i.SharedSizeBytes);
        var usedImagesSize = images.Where(i => i.Containers > 0).Sum(i => i.SizeBytes - i.SharedSizeBytes);
        var summary = new List<DockerDiskUsageRow>
        {
            new("images", images.Count, images.Count(i => i.Containers > 0), imagesSize, Math.Max(0, imagesSize - usedImagesSize)),
            new("containers", containers.Count, containers.Count(c => c.State == "running"), containers.Sum(c => c.WritableBytes),
                containers.Where(c => c.State != "running").Sum(c => c.WritableBytes)),
            new("volumes", volumes.Count, volumes.Count(v => v.RefCount > 0), volumes.Sum(v => Math.Max(0, v.SizeBytes ?? 0)),
                volumes.Where(v => v.RefCount == 0).Sum(v => Math.Max(0, v.SizeBytes ?? 0))),
            new("build cache", cache.Count, cache.Count(c => c.TryGetProperty("InUse", out var iu) && iu.ValueKind == JsonValueKind.True),
                cache.Sum(c => Long(c, "Size")),
                cache.Where(c => !(c.TryGetProperty("InUse", out var iu) && iu.ValueKind == JsonValueKind.True)).Sum(c => Long(c, "Size"))),
        };
        return new DockerDiskUsage(summary, images, containers, volumes);
    }

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : 0;
}
