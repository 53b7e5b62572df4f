using Monitor.Shared.Protocol;

namespace Monitor.Control.Watch;

/// <summary>What the watcher in <c>monitor serve</c> tells the parts that react to the fleet (metric history, alert
/// evaluation): every sample an agent pushes, and every change of a server's reachability. Called in order per server.</summary>
public interface IWatchObserver
{
    ValueTask OnSampleAsync(string server, WatchSample sample, CancellationToken ct);

    /// <summary>A server became reachable (true) or unreachable (false, with the reason) at <paramref name="at"/>.</summary>
    ValueTask OnReachabilityAsync(string server, bool reachable, string? reason, DateTimeOffset at, CancellationToken ct);
}
