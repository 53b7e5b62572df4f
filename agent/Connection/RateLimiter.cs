namespace Monitor.Agent.Connection;

/// <summary>Token bucket: <c>perSecond</c> requests a second, bursts up to the same amount.</summary>
internal sealed class RateLimiter(int perSecond)
{
    private double _tokens = perSecond;
    private long _last = Environment.TickCount64;

    public bool TryTake()
    {
        var now = Environment.TickCount64;
        _tokens = Math.Min(perSecond, _tokens + (now - _last) * perSecond / 1000.0);
        _last = now;
        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }
}
