namespace Monitor.Control.Agents;

/// <summary>Exponential backoff with "equal jitter": the n-th retry waits between half and all of
/// min(cap, initial × 2ⁿ). Bounded, so a dead agent costs at most one attempt per cap interval, and jittered,
/// so many consoles do not reconnect in lockstep.</summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan cap, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    public static ReconnectBackoff Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    public TimeSpan Initial => initial;
    public TimeSpan Cap => cap;

    public TimeSpan DelayFor(int attempt)
    {
        var exponent = Math.Min(attempt, 30);
        var ceiling = Math.Min(cap.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling / 2 + _random.NextDouble() * ceiling / 2);
    }
}
