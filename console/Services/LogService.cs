using System.Runtime.CompilerServices;
using Monitor.Control.Agents;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

/// <summary>Log streams that survive agent restarts and network drops: on a drop it waits for the agent (with the
/// client's backoff) and reopens the stream from the last timestamp seen; the agent drops lines at or before it.</summary>
public sealed class LogService(ServerDirectory directory) : ILogService
{
    /// <summary>How long a followed stream waits for its agent to come back before giving up.</summary>
    public TimeSpan ResumeWindow { get; init; } = TimeSpan.FromMinutes(5);

    public async IAsyncEnumerable<IReadOnlyList<LogLine>> StreamAsync(string server, LogStreamRequest request, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var client = await directory.ClientAsync(server, ct).ConfigureAwait(false);
        var current = request with { Timestamps = true };
        while (true)
        {
            IAgentStream<LogBatch, LogStreamEnd> stream;
            try { stream = await client.OpenStreamAsync(AgentMethods.ContainerLogs, current, ct).ConfigureAwait(false); }
            catch (AgentException e) when (e.Code == Monitor.Shared.Protocol.ErrorCodes.Unreachable && request.Follow)
            {
                await WaitForAgentAsync(client, ct).ConfigureAwait(false);
                continue;
            }
            catch (AgentException e) { throw new OperationFailedException(e.Message, e.Code, e); }

            var dropped = false;
            await using (stream.ConfigureAwait(false))
            {
                var batches = stream.ReadAllAsync(ct).GetAsyncEnumerator(ct);
                while (true)
                {
                    bool more;
                    try { more = await batches.MoveNextAsync().ConfigureAwait(false); }
                    catch (AgentException e) when (e.Code == Monitor.Shared.Protocol.ErrorCodes.Unreachable && request.Follow) { dropped = true; break; }
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
            if (!dropped) yield break;
            await WaitForAgentAsync(client, ct).ConfigureAwait(false);
        }
    }

    private async Task WaitForAgentAsync(IAgentClient client, CancellationToken ct)
    {
        try
        {
            if (client is AgentClient concrete) await concrete.WaitOnlineAsync(ResumeWindow, ct).ConfigureAwait(false);
            else await client.EnsureConnectedAsync(ct).ConfigureAwait(false);
        }
        catch (AgentException e) { throw new OperationFailedException($"log stream stopped: {e.Message}", e.Code, e); }
    }
}
