using System.Globalization;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.FleetSim;

/// <summary>A container's log: the tail asked for (made up, with past timestamps), then, when following, new lines at
/// the configured rate, sent in batches of what accumulated every 100 ms (as the agent's batcher would under load).</summary>
public sealed class SimulatedLogs(SimulatedContainer container, double linesPerSecond)
{
    private static readonly string[] Messages =
    [
        "GET /api/items 200 {0} ms", "POST /api/orders 201 {0} ms", "cache miss for key user:{0}", "worker {0} picked up a job",
        "GET /health 200 {0} ms", "slow query took {0} ms", "connection pool size {0}",
    ];

    private long _sequence;

    public async Task<LogStreamEnd> StreamAsync(LogStreamRequest request, IStreamWriter<LogBatch> writer, CancellationToken ct)
    {
        var tail = Math.Clamp(request.Tail ?? 100, 0, 10_000);
        var now = DateTimeOffset.UtcNow;
        string? last = null;
        if (tail > 0)
        {
            var lines = Enumerable.Range(0, tail).Select(i => Line(now.AddSeconds(i - tail))).ToList();
            last = lines[^1].Timestamp;
            await writer.WriteAsync(new LogBatch(lines), ct).ConfigureAwait(false);
        }
        if (!request.Follow || linesPerSecond <= 0) return new LogStreamEnd("end", last);

        var started = DateTimeOffset.UtcNow;
        long sent = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var due = (long)((DateTimeOffset.UtcNow - started).TotalSeconds * linesPerSecond) - sent;
                if (due <= 0) continue;
                var at = DateTimeOffset.UtcNow;
                var batch = Enumerable.Range(0, (int)Math.Min(due, 10_000)).Select(_ => Line(at)).ToList();
                sent += due;
                last = batch[^1].Timestamp;
                await writer.WriteAsync(new LogBatch(batch), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
        return new LogStreamEnd("cancelled", last);
    }

    private LogLine Line(DateTimeOffset at)
    {
        var n = Interlocked.Increment(ref _sequence);
        var text = string.Format(CultureInfo.InvariantCulture, Messages[n % Messages.Length], n % 997);
        return new LogLine(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), n % 11 == 0 ? "stderr" : "stdout",
            $"{container.Name} {text}");
    }
}
