using System.Diagnostics;
using System.Threading.Channels;
using Monitor.Control.Store;

namespace Monitor.Control.LogSearch;

/// <summary>Writes shipments to the store in batches (up to <see cref="MaxLines"/> lines or <see cref="MaxDelay"/> after the
/// first), lines and cursors in one transaction. While the store fails it retries the same batch with backoff; the
/// bounded queue then fills and the shippers stop reading from their agents, so nothing is dropped and no cursor moves.</summary>
public sealed class LogArchiveWriter : IAsyncDisposable
{
    private readonly ILogArchive _archive;
    private readonly Action<string> _log;
    private readonly Channel<LogShipment> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _written;

    public LogArchiveWriter(ILogArchive archive, Action<string> log, int maxLines = 5000, TimeSpan? maxDelay = null, int queueShipments = 256)
    {
        _archive = archive; _log = log; MaxLines = maxLines; MaxDelay = maxDelay ?? TimeSpan.FromMilliseconds(200);
        _queue = Channel.CreateBounded<LogShipment>(new BoundedChannelOptions(queueShipments) { SingleReader = true });
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    public int MaxLines { get; }
    public TimeSpan MaxDelay { get; }
    /// <summary>Lines committed so far.</summary>
    public long Written => Interlocked.Read(ref _written);
    /// <summary>Called after each commit with the batch's lines (e.g. to measure lag).</summary>
    public Action<IReadOnlyList<KeptLogLine>>? Committed { get; init; }

    /// <summary>Queues a shipment; waits while the queue is full (the store is slow or down).</summary>
    public ValueTask SubmitAsync(LogShipment shipment, CancellationToken ct) => _queue.Writer.WriteAsync(shipment, ct);

    private async Task LoopAsync(CancellationToken ct)
    {
        var lines = new List<KeptLogLine>();
        var cursors = new Dictionary<(string, string), LogCursor>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                lines.Clear(); cursors.Clear();
                var started = Stopwatch.StartNew();
                while (lines.Count < MaxLines)
                {
                    if (_queue.Reader.TryRead(out var shipment))
                    {
                        lines.AddRange(shipment.Lines);
                        cursors[(shipment.Server, shipment.Source)] = new LogCursor(shipment.Server, shipment.Source, shipment.Cursor);
                        continue;
                    }
                    var left = MaxDelay - started.Elapsed;
                    if (left <= TimeSpan.Zero) break;
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    wait.CancelAfter(left);
                    try { if (!await _queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false)) break; }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested) { break; }
                }
                await WriteAsync(lines, cursors.Values.ToList(), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task WriteAsync(List<KeptLogLine> lines, List<LogCursor> cursors, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        var failing = false;
        while (true)
        {
            try
            {
                await _archive.AppendLogLinesAsync(lines, cursors, ct).ConfigureAwait(false);
                if (failing) _log($"logs: the store accepts writes again; {lines.Count} waiting lines kept");
                Interlocked.Add(ref _written, lines.Count);
                Committed?.Invoke(lines);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                if (!failing) _log($"logs: cannot write kept lines ({e.Message}); retrying with backoff, shipping paused");
                failing = true;
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    /// <summary>Stops taking shipments and writes what is queued, giving up after <paramref name="grace"/> (what is not
    /// written is shipped again from the stored cursors next time).</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_loop, Task.Delay(grace)).ConfigureAwait(false) != _loop) await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        _stop.Dispose();
    }
}
