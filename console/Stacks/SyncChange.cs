namespace Monitor.Control.Stacks;

/// <summary>Kept: in the store but not in monitor.toml, left alone because sync ran without --prune.</summary>
public enum SyncChangeKind { Added, Changed, Removed, Kept }

/// <summary>One line of a sync plan: a server or stack that is added, changed (with the changed fields), removed, or
/// kept although monitor.toml does not declare it.</summary>
public sealed record SyncChange(SyncChangeKind Kind, string Area, string Name, IReadOnlyList<string> Fields)
{
    public override string ToString() =>
        $"{Kind switch { SyncChangeKind.Added => "+", SyncChangeKind.Removed => "-", SyncChangeKind.Kept => "=", _ => "~" }} {Area} {Name}" +
        (Fields.Count > 0 ? $" ({string.Join(", ", Fields)})" : "") +
        (Kind == SyncChangeKind.Kept ? " (not in monitor.toml; kept, --prune removes it)" : "");

    /// <summary>Whether applying the plan does anything for this line.</summary>
    public bool ChangesStore => Kind != SyncChangeKind.Kept;
}
