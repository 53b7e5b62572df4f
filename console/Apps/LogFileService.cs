using System.Runtime.CompilerServices;
using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Apps;

/// <summary>App log files on servers (or in their containers): discovery and entries. A followed stream that loses its
/// agent waits for it and resumes after the last entry's cursor, so nothing is lost or repeated.</summary>
public sealed class LogFileService(ServerDirectory directory)
{
    public TimeSpan ResumeWindow { get; init; } = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<LogFileInfo>> ListAsync(string server, string? container = null, CancellationToken ct = default)
    {
        var client = await directory.ClientAsync(server, ct).ConfigureAwait(false);
        try { return (await client.RequestAsync(AgentMethods.LogFileList, new LogFileListRequest(container), null, ct).ConfigureAwait(false)).Files; }
        catch (AgentException e) { throw new OperationFailedException(e.Message, e.Code, e); }
    }

    public async IAsyncEnumerable<IReadOnlyList<LogFileEntry>> ReadAsync(string server, LogFileReadRequest request, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var client = await directory.ClientAsync(server, ct).ConfigureAwait(false);
        var current = request;
        while (true)
        {
            IAgentStream<LogFileBatch, LogStreamEnd>? stream = null;
            try { stream = await client.OpenStreamAsync(AgentMethods.LogFileRead, current, ct).ConfigureAwait(false); }
            catch (AgentException e) when (e.Code == ErrorCodes.Unreachable && request.Follow) { }
            catch (AgentException e) { throw new OperationFailedException(e.Message, e.Code, e); }

            var dropped = stream is null;
            if (stream is not null)
            {
                await using (stream.ConfigureAwait(false))
                {
                    var batches = stream.ReadAllAsync(ct).GetAsyncEnumerator(ct);
                    while (true)
                    {
                        bool more;
                        try { more = await batches.MoveNextAsync().ConfigureAwait(false); }
                        catch (AgentException e) when (e.Code == ErrorCodes.Unreachable && request.Follow) { dropped = true; break; }
                        catch (AgentException e) { throw new OperationFailedException(e.Message, e.Code, e); }
                        if (!more) break;
                        var entries = batches.Current.Entries;
                        if (entries.Count == 0) continue;
                        current = current with { Cursor = entries[^1].Cursor, Tail = null };
                        yield return entries;
                    }
                    await batches.DisposeAsync().ConfigureAwait(false);
                }
            }
            if (!dropped) yield break;
            try
            {
                if (client is AgentClient concrete) await concrete.WaitOnlineAsync(ResumeWindow, ct).ConfigureAwait(false);
                else await client.EnsureConnectedAsync(ct).ConfigureAwait(false);
            }
            catch (AgentException e) { throw new OperationFailedException($"log file stream stopped: {e.Message}", e.Code, e); }
        }
    }
}
