using System.Threading.Channels;

namespace Monitor.Agent.Logs;

/// <summary>Groups items into batches without adding delay: a batch takes every item already waiting (up to
/// <c>maxItems</c>) and is flushed at once. When items are sparse each one goes out as soon as it arrives; under load
/// items pile up while the previous batch is being written, so batches grow on their own (back-pressure batching).
/// <c>lingerAfterFirst</c> (default zero) optionally waits that long after the first item of a batch, for callers
/// that prefer fewer, larger frames over latency.</summary>
public static class Batcher
{
    public static async Task RunAsync<T>(ChannelReader<T> reader, int maxItems, TimeSpan lingerAfterFirst,
        Func<IReadOnlyList<T>, ValueTask> flush, CancellationToken ct)
    {
        var batch = new List<T>(Math.Min(maxItems, 1024));
        while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            Drain(reader, batch, maxItems);
            if (batch.Count == 0) continue;
            if (batch.Count < maxItems && lingerAfterFirst > TimeSpan.Zero)
            {
                await Task.Delay(lingerAfterFirst, ct).ConfigureAwait(false);
                Drain(reader, batch, maxItems);
            }
            await flush(batch.ToArray()).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private static void Drain<T>(ChannelReader<T> reader, List<T> batch, int maxItems)
    {
        while (batch.Count < maxItems && reader.TryRead(out var item)) batch.Add(item);
    }
}
