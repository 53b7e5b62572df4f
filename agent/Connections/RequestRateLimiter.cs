using System.Diagnostics;

namespace Monitor.Agent.Connections;

/// <summary>A token bucket per connection: up to <c>perSecond</c> frames in a burst, refilled at that rate.
/// Written here (not System.Threading.RateLimiting) because one connection's loop is its only caller and it needs no queueing.</summary>
internal sealed class RequestRateLimiter(int perSecond)
{
    private readonly double _capacity = Math.Max(1, perSecond);
    private double _tokens = Math.Max(1, perSecond);
    private long _last = Stopwatch.GetTimestamp();

    public bool TryAcquire()
    {
        var now = Stopwatch.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + Stopwatch.GetElapsedTime(_last, now).TotalSeconds * _capacity);
        _last = now;
        if (_tokens < 1) return false;
        _tokens -= 1;
        return true;
    }
}
