namespace Monitor.Control.Stacks;

/// <summary>What `monitor sync` does (or did): changes in a stable order; <see cref="Applied"/> false for a dry run.</summary>
public sealed record SyncPlan(IReadOnlyList<SyncChange> Changes, bool Applied)
{
    /// <summary>Nothing to add, change or remove (kept items do not count).</summary>
    public bool IsEmpty => !Changes.Any(c => c.ChangesStore);
    public int Count(SyncChangeKind kind) => Changes.Count(c => c.Kind == kind);
}
