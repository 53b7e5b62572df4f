namespace Monitor.Control.Stacks;

/// <summary>What `monitor sync` does (or did): changes in a stable order; <see cref="Applied"/> false for a dry run.</summary>
public sealed record SyncPlan(IReadOnlyList<SyncChange> Changes, bool Applied)
{
    public bool IsEmpty => Changes.Count == 0;
    public int Count(SyncChangeKind kind) => Changes.Count(c => c.Kind == kind);
}
