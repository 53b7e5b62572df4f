using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Monitor.Agent.Dispatch;

/// <summary>Groups items from a channel into batches: a batch is sent when it is full or when the first item in it
/// has waited <c>interval</c>, whichever comes first.</summary>
public static class Batcher
{
    public static async IAsyncEnumerable<List<T>> ReadBatchesAsync<T>(ChannelReader<T> reader, int maxItems, TimeSpan interval,
        [EnumeratorCancellation] CancellationToken ct)
    {
        while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            var batch = new List<T>();
            var deadline = Environment.TickCount64 + (long)interval.TotalMilliseconds;
            while (batch.Count < maxItems)
            {
                while (batch.Count < maxItems && reader.TryRead(out var item)) batch.Add(item);
                var left = deadline - Environment.TickCount64;
                if (batch.Count >= maxItems || left <= 0) break;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(TimeSpan.FromMilliseconds(left));
                try { if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false)) break; }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested) { break; }
            }
            if (batch.Count > 0) yield return batch;
        }
    }
}
