namespace Monitor.Shared.Config;

/// <summary>[[watch.tiers]]: one downsampled history tier: a mean and a max per <see cref="Step"/>, kept for <see cref="Keep"/>.</summary>
public sealed class HistoryTierConfig
{
    public string Step { get; set; } = "1m";
    public string Keep { get; set; } = "7d";
}
