using System.Globalization;
using System.Runtime.CompilerServices;
using Monitor.Control.Agents;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

/// <summary>Log streams that survive agent restarts, network drops and the container itself: on a drop it waits for
/// the agent (with the client's backoff) and reopens the stream from the last timestamp seen (the agent drops lines at
/// or before it). A followed stream also outlives its container: when the container stops, it waits for a container
/// of the same name to run again (a restart, or a deploy that replaced it with a new id), yields ONE marker line
/// (stream <see cref="MarkerStream"/>) and resumes from the last timestamp, so no line of either container is lost.</summary>
public sealed class LogService(ServerDirectory directory) : ILogService
{
    /// <summary>The <see cref="LogLine.Stream"/> of the marker line between two runs of a followed container.</summary>
    public const string MarkerStream = "monitor";

    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RunCheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long a followed stream waits for its agent to come back before giving up.</summary>
    public TimeSpan ResumeWindow { get; init; } = TimeSpan.FromMinutes(5);

    public async IAsyncEnumerable<IReadOnlyList<LogLine>> StreamAsync(string server, LogStreamRequest request, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var client = await directory.ClientAsync(server, ct).ConfigureAwait(false);
        var current = request with { Timestamps = true, Packed = true };
        ContainerRun? run = null;
        if (request.Follow)
        {
            // Follow by name: a deploy replaces the container (new id) under the same name.
            run = await InspectAsync(client, request.Container, ct).ConfigureAwait(false)
                  ?? throw new OperationFailedException($"{server}: no container {request.Container}; list them with `monitor container list --server {server}`", ErrorCodes.NotFound);
            current = current with { Container = run.Name };
        }
        while (true)
        {
            IAgentStream<LogBatch, LogStreamEnd>? stream;
            try { stream = await client.OpenStreamAsync(AgentMethods.ContainerLogs, current, ct).ConfigureAwait(false); }
            catch (AgentException e) when (e.Code == ErrorCodes.Unreachable && request.Follow)
            {
                await WaitForAgentAsync(client, ct).ConfigureAwait(false);
                continue;
            }
            catch (AgentException e) when (e.Code == ErrorCodes.NotFound && request.Follow) { stream = null; } // removed between runs
            catch (AgentException e) { throw new OperationFailedException(e.Message, e.Code, e); }

            var dropped = false;
            if (stream is not null)
            {
                // Docker can leave a follow hanging when it was opened while the container was being restarted; a
                // watcher ends the stream when the followed name runs another container or run meanwhile.
                using var streamStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var watcher = request.Follow ? WatchRunAsync(client, run!, streamStop) : Task.CompletedTask;
                await using (stream.ConfigureAwait(false))
                {
                    var batches = stream.ReadAllAsync(streamStop.Token).GetAsyncEnumerator(streamStop.Token);
                    while (true)
                    {
                        bool more;
                        try { more = await batches.MoveNextAsync().ConfigureAwait(false); }
                        catch (OperationCanceledException) when (streamStop.IsCancellationRequested && !ct.IsCancellationRequested) { break; }
                        catch (AgentException e) when (e.Code == ErrorCodes.Unreachable && request.Follow) { dropped = true; break; }
                        catch (AgentException e) when (e.Code == ErrorCodes.NotFound && request.Follow) { break; }
                        catch (AgentException e) { throw new OperationFailedException(e.Message, e.Code, e); }
                        if (!more) break;
                        var lines = batches.Current.Lines;
                        if (lines.Count == 0) continue;
                        // Resume point for a reconnect; the first reopen asks for everything after it, not the tail again.
                        current = current with { Since = lines[^1].Timestamp, Tail = null };
                        yield return lines;
                    }
                    await batches.DisposeAsync().ConfigureAwait(false);
                }
                await streamStop.CancelAsync().ConfigureAwait(false);
                await watcher.ConfigureAwait(false);
            }
            if (!request.Follow) yield break;
            if (dropped)
            {
                await WaitForAgentAsync(client, ct).ConfigureAwait(false);
                continue;
            }

            // the container stopped (or is gone): wait for the name to run again
            var next = await WaitForRunAsync(client, run!, ct).ConfigureAwait(false);
            if (next.IsAnotherRunThan(run!))
            {
                // Nothing seen yet: everything of the old run is before it finished; resume after that, not from the start.
                current = current with { Since = current.Since ?? run!.FinishedAt ?? next.StartedText, Tail = null };
                yield return [Marker(run!, next)];
            }
            run = next;
        }
    }

    /// <summary>Every <see cref="RunCheckInterval"/> while a followed stream is open: cancels it when the name now runs
    /// another container or another run of it (the stream then ends as if the container had stopped).</summary>
    private static async Task WatchRunAsync(IAgentClient client, ContainerRun run, CancellationTokenSource streamStop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(RunCheckInterval, streamStop.Token).ConfigureAwait(false);
                ContainerRun? now;
                try { now = await InspectAsync(client, run.Name, streamStop.Token).ConfigureAwait(false); }
                catch (OperationFailedException) { continue; } // the agent away: the stream itself reports the drop
                if (now is null || now.IsAnotherRunThan(run))
                {
                    await streamStop.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Polls (250 ms, growing to 1 s) until a container of the followed name runs; a stopped or absent
    /// container is waited for, as the operator follows the name until they stop.</summary>
    private async Task<ContainerRun> WaitForRunAsync(IAgentClient client, ContainerRun last, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            ContainerRun? now;
            try { now = await InspectAsync(client, last.Name, ct).ConfigureAwait(false); }
            catch (OperationFailedException e) when (e.Code == ErrorCodes.Unreachable)
            {
                await WaitForAgentAsync(client, ct).ConfigureAwait(false);
                continue;
            }
            if (now is { Running: true }) return now;
            await Task.Delay(delay, ct).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(MaxPoll.Ticks, delay.Ticks * 2));
        }
    }

    private static async Task<ContainerRun?> InspectAsync(IAgentClient client, string container, CancellationToken ct)
    {
        try
        {
            var d = await client.RequestAsync(AgentMethods.ContainerInspect, new ContainerRef(container), null, ct).ConfigureAwait(false);
            return new ContainerRun(d.Id, d.Name, d.State == "running", d.StartedAt, d.FinishedAt is { } f && f >= (d.StartedAt ?? f) ? Rfc3339(f) : null);
        }
        catch (AgentException e) when (e.Code == ErrorCodes.NotFound) { return null; }
        catch (AgentException e) { throw new OperationFailedException(e.Message, e.Code, e); }
    }

    private static LogLine Marker(ContainerRun old, ContainerRun next)
    {
        var text = old.Id == next.Id
            ? $"--- {next.Name} restarted; following the new run ---"
            : $"--- {next.Name} replaced: now container {Short(next.Id)} (was {Short(old.Id)}) ---";
        return new LogLine(next.StartedText ?? Rfc3339(DateTimeOffset.UtcNow), MarkerStream, text);
    }

    private static string Short(string id) => id[..Math.Min(12, id.Length)];

    private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private async Task WaitForAgentAsync(IAgentClient client, CancellationToken ct)
    {
        try
        {
            if (client is AgentClient concrete) await concrete.WaitOnlineAsync(ResumeWindow, ct).ConfigureAwait(false);
            else await client.EnsureConnectedAsync(ct).ConfigureAwait(false);
        }
        catch (AgentException e) { throw new OperationFailedException($"log stream stopped: {e.Message}", e.Code, e); }
    }

    /// <summary>One run of a container: a restart keeps the id and changes the start time; a replacement changes the id.</summary>
    private sealed record ContainerRun(string Id, string Name, bool Running, DateTimeOffset? StartedAt, string? FinishedAt)
    {
        public string? StartedText => StartedAt is { } s ? Rfc3339(s) : null;
        public bool IsAnotherRunThan(ContainerRun other) => Id != other.Id || StartedAt != other.StartedAt;
    }
}
