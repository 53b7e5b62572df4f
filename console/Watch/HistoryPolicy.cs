using Monitor.Shared.Config;

namespace Monitor.Control.Watch;

/// <summary>How metric history is kept: raw samples for a while, then downsampled tiers (default 1-minute for 7 days,
/// 10-minute for 90 days). Built from [watch] and checked: steps and retention grow from tier to tier.</summary>
public sealed class HistoryPolicy
{
    public HistoryPolicy(TimeSpan interval, TimeSpan rawKeep, IReadOnlyList<(TimeSpan Step, TimeSpan Keep)> tiers)
    {
        var all = new List<HistoryTier> { new(0, interval, rawKeep) };
        foreach (var (step, keep) in tiers)
        {
            var previous = all[^1];
            if (step <= previous.Step || keep < previous.Keep)
                throw new FormatException($"[watch] tier {all.Count}: step {DurationText.Format(step)} and keep {DurationText.Format(keep)} must be longer than the tier before ({DurationText.Format(previous.Step)}, {DurationText.Format(previous.Keep)})");
            all.Add(new HistoryTier(all.Count, step, keep));
        }
        Tiers = all;
    }

    public static HistoryPolicy Default { get; } = From(new WatchConfig());

    /// <summary>All tiers, raw (0) first.</summary>
    public IReadOnlyList<HistoryTier> Tiers { get; }

    public TimeSpan Interval => Tiers[0].Step;

    public static HistoryPolicy From(WatchConfig config) => new(
        DurationText.Parse(config.Interval, "[watch] interval"),
        DurationText.Parse(config.RawKeep, "[watch] raw_keep"),
        config.Tiers.Select((t, i) => (DurationText.Parse(t.Step, $"[[watch.tiers]] #{i + 1} step"), DurationText.Parse(t.Keep, $"[[watch.tiers]] #{i + 1} keep"))).ToList());

    /// <summary>The tier a query should read: the finest that still holds data from <paramref name="back"/> ago (its
    /// points are then merged into the step asked for); when none reaches back that far, the one that keeps the longest.</summary>
    public HistoryTier Choose(TimeSpan back) => Tiers.FirstOrDefault(t => t.Keep >= back) ?? Tiers[^1];
}
