using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

/// <summary>The logs of several containers as one stream, each line tagged with its container, merged in time order:
/// without follow, all lines sorted by timestamp; with follow, the initial tails are merged once every source has
/// answered (or after <see cref="InitialWait"/>), then live lines are merged within short windows.</summary>
public sealed class LogMerger(ILogService logs)
{
    private const int MaxBatch = 1000;

    /// <summary>How long a followed merge waits for every source's first lines before showing the tails.</summary>
    public TimeSpan InitialWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long live lines are gathered before sorting them (lines further apart keep arrival order).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMilliseconds(100);

    public async IAsyncEnumerable<IReadOnlyList<SourcedLogLine>> StreamAsync(string server, IReadOnlyList<string> containers, LogStreamRequest options,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (containers.Count == 0) throw new OperationFailedException("no containers to show the logs of; name one or more, or pass --stack NAME", "invalid_argument");
        var sources = containers.Distinct(StringComparer.Ordinal).ToList();
        var channel = Channel.CreateBounded<SourceEvent>(new BoundedChannelOptions(256) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pumps = sources.Select(s => PumpAsync(s, server, options with { Container = s }, channel.Writer, stop.Token)).ToList();
        var completion = Task.WhenAll(pumps).ContinueWith(_ => channel.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            var pending = new List<SourcedLogLine>();
            var answered = new HashSet<string>(StringComparer.Ordinal);
            if (!options.Follow)
            {
                while (await channel.Reader.WaitToReadAsync(ct).ConfigureAwait(false)) Drain(channel.Reader, pending, answered);
                foreach (var chunk in Sorted(pending).Chunk(MaxBatch)) yield return chunk;
                yield break;
            }
            // the tails: until every source answered, or InitialWait
            var initialDeadline = DateTimeOffset.UtcNow + InitialWait;
            while (answered.Count < sources.Count && await WaitAsync(channel.Reader, initialDeadline, ct).ConfigureAwait(false))
                Drain(channel.Reader, pending, answered);
            foreach (var chunk in Sorted(pending).Chunk(MaxBatch)) yield return chunk;
            pending.Clear();
            // live: whatever arrives within a short window, sorted
            while (await channel.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                var deadline = DateTimeOffset.UtcNow + Window;
                do Drain(channel.Reader, pending, answered);
                while (await WaitAsync(channel.Reader, deadline, ct).ConfigureAwait(false));
                foreach (var chunk in Sorted(pending).Chunk(MaxBatch)) yield return chunk;
                pending.Clear();
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try { await Task.WhenAll(pumps).ConfigureAwait(false); } catch (OperationCanceledException) { }
            await completion.ConfigureAwait(false);
        }
    }

    private static void Drain(ChannelReader<SourceEvent> reader, List<SourcedLogLine> pending, HashSet<string> answered)
    {
        while (reader.TryRead(out var e))
        {
            if (e.Error is not null) throw e.Error;
            answered.Add(e.Source);
            pending.AddRange(e.Lines.Select(l => new SourcedLogLine(e.Source, l)));
        }
    }

    /// <summary>True when more is readable before the deadline; false at the deadline or when every source ended.</summary>
    private static async Task<bool> WaitAsync(ChannelReader<SourceEvent> reader, DateTimeOffset deadline, CancellationToken ct)
    {
        var left = deadline - DateTimeOffset.UtcNow;
        if (left <= TimeSpan.Zero) return false;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(left);
        try { return await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return false; }
    }

    /// <summary>Stable sort by timestamp: lines of one container with equal times keep their order.</summary>
    private static IEnumerable<SourcedLogLine> Sorted(List<SourcedLogLine> lines) => lines.OrderBy(l => LogTimeKey.Parse(l.Line.Timestamp));

    private async Task PumpAsync(string source, string server, LogStreamRequest request, ChannelWriter<SourceEvent> writer, CancellationToken ct)
    {
        try
        {
            await foreach (var batch in logs.StreamAsync(server, request, ct).ConfigureAwait(false))
                await writer.WriteAsync(new SourceEvent(source, batch, null), ct).ConfigureAwait(false);
            await writer.WriteAsync(new SourceEvent(source, [], null), ct).ConfigureAwait(false); // answered, even if empty
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            try { await writer.WriteAsync(new SourceEvent(source, [], e), ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
    }

    private sealed record SourceEvent(string Source, IReadOnlyList<LogLine> Lines, Exception? Error);
}
