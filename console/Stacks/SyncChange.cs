namespace Monitor.Control.Stacks;

public enum SyncChangeKind { Added, Changed, Removed }

/// <summary>One line of a sync plan: a server or stack that is added, changed (with the changed fields) or removed.</summary>
public sealed record SyncChange(SyncChangeKind Kind, string Area, string Name, IReadOnlyList<string> Fields)
{
    public override string ToString() =>
        $"{Kind switch { SyncChangeKind.Added => "+", SyncChangeKind.Removed => "-", _ => "~" }} {Area} {Name}" +
        (Fields.Count > 0 ? $" ({string.Join(", ", Fields)})" : "");
}
