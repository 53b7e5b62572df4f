namespace Monitor.Control.Watch;

/// <summary>One tier of metric history: tier 0 holds raw samples, higher tiers the mean and max per <see cref="Step"/>.</summary>
public sealed record HistoryTier(int Tier, TimeSpan Step, TimeSpan Keep)
{
    /// <summary>The start of the step that <paramref name="time"/> falls in (steps are aligned to the Unix epoch).</summary>
    public DateTimeOffset BucketOf(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(ticks - ticks % Step.Ticks);
    }
}
