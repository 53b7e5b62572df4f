using System.Threading.Channels;

namespace Monitor.Agent.Logs;

/// <summary>Groups items into batches: a batch takes every item already waiting (up to <c>maxItems</c>) and is
/// flushed. When items are sparse each one goes out as soon as it arrives; when a batch follows the previous flush
/// within <see cref="DenseGap"/> (a flood) it lingers <see cref="DenseLinger"/> to gather more, so a flood goes out in
/// large frames while a sparse line is never delayed. <c>lingerAfterFirst</c> optionally waits that long after the
/// first item of every batch, for callers that prefer fewer, larger frames over latency.</summary>
public static class Batcher
{
    /// <summary>A batch that starts this soon after the previous flush is part of a flood.</summary>
    public static readonly TimeSpan DenseGap = TimeSpan.FromMilliseconds(2);

    /// <summary>How long a batch of a flood waits for more items (well under the 20 ms live-latency goal).</summary>
    public static readonly TimeSpan DenseLinger = TimeSpan.FromMilliseconds(3);

    public static async Task RunAsync<T>(ChannelReader<T> reader, int maxItems, TimeSpan lingerAfterFirst,
        Func<IReadOnlyList<T>, ValueTask> flush, CancellationToken ct)
    {
        var batch = new List<T>(Math.Min(maxItems, 1024));
        var lastFlush = long.MinValue;
        while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            Drain(reader, batch, maxItems);
            if (batch.Count == 0) continue;
            var linger = lingerAfterFirst > TimeSpan.Zero ? lingerAfterFirst
                : lastFlush != long.MinValue && System.Diagnostics.Stopwatch.GetElapsedTime(lastFlush) < DenseGap ? DenseLinger
                : TimeSpan.Zero;
            if (batch.Count < maxItems && linger > TimeSpan.Zero)
            {
                await Task.Delay(linger, ct).ConfigureAwait(false);
                Drain(reader, batch, maxItems);
            }
            await flush(batch.ToArray()).ConfigureAwait(false);
            batch.Clear();
            lastFlush = System.Diagnostics.Stopwatch.GetTimestamp();
        }
    }

    private static void Drain<T>(ChannelReader<T> reader, List<T> batch, int maxItems)
    {
        while (batch.Count < maxItems && reader.TryRead(out var item)) batch.Add(item);
    }
}
