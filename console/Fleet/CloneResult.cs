namespace Monitor.Control.Fleet;

/// <summary>What `server clone --yes` did; <see cref="Applied"/> is false when only the plan was shown.</summary>
public sealed record CloneResult(ClonePlanView Plan, bool Applied, IReadOnlyList<CloneItem> Items)
{
    public bool Ok => Items.All(i => i.Ok);
}
