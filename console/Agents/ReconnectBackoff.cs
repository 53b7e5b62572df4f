namespace Monitor.Control.Agents;

/// <summary>
/// Jittered exponential backoff for reconnects: step n waits a random time in [ceiling/2, ceiling] where
/// ceiling = min(<see cref="Cap"/>, <see cref="Initial"/> × 2^n). The lower half keeps a dead agent from causing a
/// reconnect storm even with unlucky draws; the random half spreads many consoles apart.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly Func<double> _random;

    public ReconnectBackoff(TimeSpan? initial = null, TimeSpan? cap = null, Func<double>? random = null)
    {
        Initial = initial ?? TimeSpan.FromSeconds(0.5);
        Cap = cap ?? TimeSpan.FromSeconds(30);
        if (Initial <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(initial), "initial delay must be positive");
        if (Cap < Initial) throw new ArgumentOutOfRangeException(nameof(cap), "cap must be at least the initial delay");
        _random = random ?? Random.Shared.NextDouble;
    }

    public TimeSpan Initial { get; }
    public TimeSpan Cap { get; }

    /// <summary>The upper bound of step <paramref name="attempt"/> (0-based): Initial × 2^attempt, capped.</summary>
    public TimeSpan Ceiling(int attempt)
    {
        if (attempt < 0) attempt = 0;
        var exponent = Math.Min(attempt, 30);
        var ms = Initial.TotalMilliseconds * Math.Pow(2, exponent);
        return TimeSpan.FromMilliseconds(Math.Min(ms, Cap.TotalMilliseconds));
    }

    /// <summary>The delay before reconnect attempt <paramref name="attempt"/> + 1.</summary>
    public TimeSpan Delay(int attempt)
    {
        var ceiling = Ceiling(attempt).TotalMilliseconds;
        var r = Math.Clamp(_random(), 0.0, 1.0);
        return TimeSpan.FromMilliseconds(ceiling / 2 + r * ceiling / 2);
    }
}
