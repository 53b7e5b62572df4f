using System.Text.Json;
using Monitor.Shared.Config;
using Monitor.Shared.Models;

namespace Monitor.Control.Stacks;

/// <summary>Diffs monitor.toml's servers and stacks against the store: added, changed (which fields), and — for what
/// the file does not declare — removed with <c>prune</c>, else kept (servers added with `monitor server add`, the
/// registry stack of `monitor registry deploy` are not lost by a sync).</summary>
public static class SyncPlanner
{
    public static IReadOnlyList<SyncChange> Plan(MonitorConfig config, IReadOnlyList<ServerInfo> storedServers, IReadOnlyList<StackConfig> storedStacks, bool prune)
    {
        var changes = new List<SyncChange>();
        var servers = storedServers.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var wanted in config.Servers.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            if (!servers.TryGetValue(wanted.Name, out var current)) { changes.Add(new(SyncChangeKind.Added, "server", wanted.Name, [])); continue; }
            var fields = new List<string>();
            if (current.Url != wanted.Url) fields.Add("url");
            if ((current.Description ?? "") != (wanted.Description ?? "")) fields.Add("description");
            if (!current.Tags.SequenceEqual(wanted.Tags)) fields.Add("tags");
            if (fields.Count > 0) changes.Add(new(SyncChangeKind.Changed, "server", wanted.Name, fields));
        }
        var declaredServers = config.Servers.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(storedServers.Where(s => !declaredServers.Contains(s.Name)).OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new SyncChange(Undeclared(prune), "server", s.Name, [])));

        var stacks = storedStacks.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var wanted in config.Stacks.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            if (!stacks.TryGetValue(wanted.Name, out var current)) { changes.Add(new(SyncChangeKind.Added, "stack", wanted.Name, [])); continue; }
            var fields = ChangedFields(current, wanted);
            if (fields.Count > 0) changes.Add(new(SyncChangeKind.Changed, "stack", wanted.Name, fields));
        }
        var declaredStacks = config.Stacks.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(storedStacks.Where(s => !declaredStacks.Contains(s.Name)).OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new SyncChange(Undeclared(prune), "stack", s.Name, [])));
        return changes;
    }

    private static SyncChangeKind Undeclared(bool prune) => prune ? SyncChangeKind.Removed : SyncChangeKind.Kept;

    /// <summary>Names of the changed fields, one level deep (e.g. "deploy.ports", "repo.branch").</summary>
    public static IReadOnlyList<string> ChangedFields(StackConfig current, StackConfig wanted)
    {
        var fields = new List<string>();
        Compare(JsonSerializer.SerializeToElement(current, StackDocuments.Json), JsonSerializer.SerializeToElement(wanted, StackDocuments.Json), "", 0, fields);
        return fields;
    }

    private static void Compare(JsonElement a, JsonElement b, string prefix, int depth, List<string> fields)
    {
        if (a.ValueKind == JsonValueKind.Object && b.ValueKind == JsonValueKind.Object && depth < 1)
        {
            var names = a.EnumerateObject().Select(p => p.Name).Union(b.EnumerateObject().Select(p => p.Name)).Order(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var left = a.TryGetProperty(name, out var l) ? l : default;
                var right = b.TryGetProperty(name, out var r) ? r : default;
                Compare(left, right, prefix + Snake(name), depth + 1, fields);
            }
            return;
        }
        if (a.ValueKind == JsonValueKind.Object && b.ValueKind == JsonValueKind.Object)
        {
            var names = a.EnumerateObject().Select(p => p.Name).Union(b.EnumerateObject().Select(p => p.Name)).Order(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var left = a.TryGetProperty(name, out var l) ? l.GetRawText() : "";
                var right = b.TryGetProperty(name, out var r) ? r.GetRawText() : "";
                if (left != right) fields.Add($"{prefix}.{Snake(name)}");
            }
            return;
        }
        if (Raw(a) != Raw(b)) fields.Add(prefix);
    }

    private static string Raw(JsonElement e) => e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? "" : e.GetRawText();

    private static string Snake(string camel) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(camel);
}
