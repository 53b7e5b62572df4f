using System.Runtime.CompilerServices;
using Monitor.Control.Agents;
using Monitor.Control.Store;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

/// <summary>
/// Streams container logs. Keeps the last timestamp seen; when a followed stream fails because the agent went away,
/// waits for it with backoff and reopens with Since = that timestamp (the agent drops lines at or before it), so
/// nothing is lost or repeated.
/// </summary>
public sealed class LogService(IStateStore store, IAgentClientFactory agents, ReconnectBackoff? resumeBackoff = null) : ILogService
{
    private readonly ServerDirectory _directory = new(store, agents);
    private readonly ReconnectBackoff _backoff = resumeBackoff ?? new ReconnectBackoff(TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(5));

    public async IAsyncEnumerable<IReadOnlyList<LogLine>> StreamAsync(string server, LogStreamRequest request, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var client = await _directory.ClientAsync(server, ct).ConfigureAwait(false);
        var what = $"logs of {request.Container}";
        var lastTimestamp = request.Since;
        var resumed = false;
        var step = 0;
        while (true)
        {
            // Timestamps are always asked for: they are what a resume needs. Callers choose whether to show them.
            var open = resumed
                ? request with { Since = lastTimestamp, Tail = lastTimestamp is null ? request.Tail : null, Timestamps = true }
                : request with { Timestamps = true };
            IAgentStream<LogBatch, LogStreamEnd>? stream = null;
            try
            {
                stream = await client.OpenStreamAsync<LogStreamRequest, LogBatch, LogStreamEnd>(Methods.ContainerLogs, open, ct).ConfigureAwait(false);
            }
            catch (AgentException ex) when (CanResume(ex, request)) { /* agent away: wait below, then reopen */ }
            catch (AgentException ex) { throw OperatorErrors.From(ex, what); }

            if (stream is not null)
            {
                await using (stream.ConfigureAwait(false))
                {
                    var lines = stream.ReadAllAsync(ct).GetAsyncEnumerator(ct);
                    await using (lines.ConfigureAwait(false))
                    {
                        while (true)
                        {
                            bool more;
                            try
                            {
                                more = await lines.MoveNextAsync().ConfigureAwait(false);
                            }
                            catch (AgentException ex) when (CanResume(ex, request)) { break; }
                            catch (AgentException ex) { throw OperatorErrors.From(ex, what); }
                            if (!more) yield break;
                            var batch = lines.Current.Lines;
                            if (batch.Count == 0) continue;
                            lastTimestamp = batch[^1].Timestamp;
                            step = 0;
                            yield return batch;
                        }
                    }
                }
            }

            resumed = true;
            await Task.Delay(_backoff.Delay(step++), ct).ConfigureAwait(false);
        }
    }

    private static bool CanResume(AgentException ex, LogStreamRequest request) =>
        request.Follow && ex.Code == ErrorCodes.Unreachable;
}
