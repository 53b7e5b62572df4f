namespace Monitor.Agent.Hosting;

/// <summary>When the agent gives memory back (<see cref="MemoryTrim"/>): once it has been quiet (no request or
/// connection open) for <see cref="Quiet"/> after some work ended, and never twice within <see cref="MinInterval"/>,
/// so a burst of short connections costs one trim and a steady stream of them at most one per interval. While
/// nothing happens after a trim, nothing is due (no timer runs at idle). Not thread-safe: callers lock.</summary>
public sealed class IdleTrimSchedule(TimeSpan quiet, TimeSpan minInterval)
{
    private int _busy;
    private DateTimeOffset? _quietSince;
    private DateTimeOffset? _lastTrim;

    public TimeSpan Quiet { get; } = quiet;
    public TimeSpan MinInterval { get; } = minInterval;

    /// <summary>Work began (a connection or request opened).</summary>
    public void Begin() { _busy++; _quietSince = null; }

    /// <summary>Work ended at <paramref name="now"/>; when nothing else is open, a trim becomes due after the quiet time.</summary>
    public void End(DateTimeOffset now)
    {
        if (_busy > 0) _busy--;
        if (_busy == 0) _quietSince = now;
    }

    /// <summary>The agent started at <paramref name="now"/>: start-up's garbage and pages count as work that ended.</summary>
    public void Started(DateTimeOffset now) { if (_busy == 0) _quietSince = now; }

    /// <summary>When the next trim is due; null when work is open or nothing ended since the last trim.</summary>
    public DateTimeOffset? DueAt
    {
        get
        {
            if (_busy > 0 || _quietSince is not { } since) return null;
            var due = since + Quiet;
            return _lastTrim is { } last && last + MinInterval > due ? last + MinInterval : due;
        }
    }

    /// <summary>True (and the trim counted as done at <paramref name="now"/>) when a trim is due by then.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        if (DueAt is not { } due || now < due) return false;
        _lastTrim = now;
        _quietSince = null;
        return true;
    }
}
