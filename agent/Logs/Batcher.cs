using System.Diagnostics;
using System.Threading.Channels;

namespace Monitor.Agent.Logs;

/// <summary>Groups items into batches: a batch is flushed when it holds <c>maxItems</c> or when <c>maxDelay</c> has passed
/// since its first item, whichever comes first, and at the end of the input.</summary>
public static class Batcher
{
    public static async Task RunAsync<T>(ChannelReader<T> reader, int maxItems, TimeSpan maxDelay,
        Func<IReadOnlyList<T>, ValueTask> flush, CancellationToken ct)
    {
        var batch = new List<T>(Math.Min(maxItems, 1024));
        while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            var started = Stopwatch.GetTimestamp();
            while (batch.Count < maxItems)
            {
                if (reader.TryRead(out var item)) { batch.Add(item); continue; }
                var remaining = maxDelay - Stopwatch.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero) break;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(remaining);
                try
                {
                    if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false)) break;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    break;
                }
            }
            if (batch.Count == 0) continue;
            await flush(batch.ToArray()).ConfigureAwait(false);
            batch.Clear();
        }
    }
}
