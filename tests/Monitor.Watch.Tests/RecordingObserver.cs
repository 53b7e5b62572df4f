using System.Collections.Concurrent;
using Monitor.Control.Watch;
using Monitor.Shared.Protocol;

namespace Monitor.Watch.Tests;

/// <summary>Remembers what a watcher handed to its observers.</summary>
internal sealed class RecordingObserver : IWatchObserver
{
    public ConcurrentQueue<(string Server, WatchSample Sample)> Samples { get; } = new();
    public ConcurrentQueue<(string Server, bool Reachable, string? Reason)> Reachability { get; } = new();

    public ValueTask OnSampleAsync(string server, WatchSample sample, CancellationToken ct)
    {
        Samples.Enqueue((server, sample));
        return ValueTask.CompletedTask;
    }

    public ValueTask OnReachabilityAsync(string server, bool reachable, string? reason, DateTimeOffset at, CancellationToken ct)
    {
        Reachability.Enqueue((server, reachable, reason));
        return ValueTask.CompletedTask;
    }

    public IReadOnlySet<string> ServersSince(DateTimeOffset since) =>
        Samples.Where(s => s.Sample.Time >= since).Select(s => s.Server).ToHashSet(StringComparer.Ordinal);
}
