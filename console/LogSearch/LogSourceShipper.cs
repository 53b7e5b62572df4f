using Monitor.Control.Agents;
using Monitor.Control.Store;
using Monitor.Shared.Protocol;

namespace Monitor.Control.LogSearch;

/// <summary>Ships one kept source (a container, an app's output or a log file) of one server: follows it from its cursor, hands each
/// frame's lines to the writer with the cursor after them, and on a drop or end reopens from that cursor with backoff.</summary>
internal sealed class LogSourceShipper(IAgentClient client, string server, LogSource source, string? storedCursor, LogArchiveWriter writer,
    Action<string> log, TimeProvider clock)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(15);

    /// <summary>The cursor after the last line handed to the writer.</summary>
    public string? Cursor { get; private set; } = storedCursor;

    public async Task RunAsync(CancellationToken ct)
    {
        var delay = FirstRetry;
        string? lastProblem = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var shipped = source.Kind switch
                {
                    LogKeepKind.LogFile or LogKeepKind.App => await ShipFileAsync(ct).ConfigureAwait(false),
                    _ => await ShipContainerAsync(ct).ConfigureAwait(false),
                };
                if (shipped) { delay = FirstRetry; lastProblem = null; }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (AgentException e)
            {
                if (e.Message != lastProblem) log($"logs: {server}/{source.Name}: {e.Message}; retrying");
                lastProblem = e.Message;
            }
            try { await Task.Delay(delay, clock, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetry.Ticks));
        }
    }

    private async Task<bool> ShipContainerAsync(CancellationToken ct)
    {
        var cursor = ContainerLogCursor.Parse(Cursor);
        var shipped = false;
        var stream = await client.OpenStreamAsync(AgentMethods.ContainerLogs, new LogStreamRequest(source.Value, Follow: true, Since: cursor.Since), ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var batch in stream.ReadAllAsync(ct).ConfigureAwait(false))
            {
                var now = clock.GetUtcNow();
                var lines = new List<KeptLogLine>(batch.Lines.Count);
                foreach (var line in batch.Lines)
                {
                    if (!cursor.Accept(line.Timestamp)) continue;
                    lines.Add(new KeptLogLine(0, server, source.Name, source.Stack, ContainerLogCursor.TimeOf(line.Timestamp, now),
                        LogLevels.Guess(line.Text), line.Stream, line.Text));
                }
                if (lines.Count == 0) continue;
                await writer.SubmitAsync(new LogShipment(server, source.Name, lines, cursor.ToString()), ct).ConfigureAwait(false);
                Cursor = cursor.ToString();
                shipped = true;
            }
        }
        return shipped;
    }

    private async Task<bool> ShipFileAsync(CancellationToken ct)
    {
        var shipped = false;
        var stream = source.Kind == LogKeepKind.App
            ? await client.OpenStreamAsync(AgentMethods.AppLogShip, new AppLogShipRequest(source.Value, Cursor), ct).ConfigureAwait(false)
            : await client.OpenStreamAsync(AgentMethods.LogFileRead, new LogFileReadRequest(source.Value, Follow: true, Cursor: Cursor), ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var batch in stream.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (batch.Entries.Count == 0) continue;
                var now = clock.GetUtcNow();
                var lines = batch.Entries.Select(e => new KeptLogLine(0, server, source.Name, null, ContainerLogCursor.TimeOf(e.Timestamp, now),
                    e.Level.Length > 0 ? LogLevels.Normalize(e.Level) : LogLevels.Guess(e.Message), null, e.Message)).ToList();
                await writer.SubmitAsync(new LogShipment(server, source.Name, lines, batch.Entries[^1].Cursor), ct).ConfigureAwait(false);
                Cursor = batch.Entries[^1].Cursor;
                shipped = true;
            }
        }
        return shipped;
    }
}
