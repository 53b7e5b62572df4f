using System.Globalization;
using System.Threading.Channels;
using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Agent.Containers;
using Monitor.Agent.DockerViews;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Logs;

/// <summary>container.logs: asks Docker for timestamped logs (tail, since, follow), drops lines at or before
/// <c>since</c> to the nanosecond so a resumed stream repeats nothing, and sends lines as soon as they are read:
/// one at a time when they are sparse, in batches of up to 1000 when they arrive faster than they can be sent. A
/// non-follow read of a json-file log is read from the file itself when the agent can see it (<see cref="JsonFileLog"/>).</summary>
public sealed class LogStreamer(DockerClient docker, EngineHttp engine)
{
    public const int MaxLinesPerBatch = 1000;

    public async Task<LogStreamEnd> StreamAsync(LogStreamRequest request, IStreamWriter<LogBatch> writer, CancellationToken ct)
    {
        var name = ContainerNames.Require(request.Container);
        if (request.Tail is < 0)
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"tail must be 0 or more (got {request.Tail})");
        LogTimestamp? since = null;
        if (request.Since is not null)
        {
            if (!LogTimestamp.TryParse(request.Since, out var parsed))
                throw new AgentRequestException(ErrorCodes.InvalidArgument,
                    $"since '{request.Since}' is neither an RFC 3339 timestamp nor unix seconds[.nanoseconds]");
            since = parsed;
        }

        var container = await DockerCalls.RunAsync($"container {name}", () => docker.Containers.InspectContainerAsync(name, ct)).ConfigureAwait(false);
        using var file = JsonFileLog.TryOpen(container, request);

        var lines = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(MaxLinesPerBatch * 4) { SingleReader = true, SingleWriter = true });
        string? last = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sender = SendBatchesAsync();
        try
        {
            if (file is not null) await file.ReadAsync(request.Tail, AcceptAsync, stop.Token).ConfigureAwait(false);
            else
            {
                // The raw body keeps Docker's frame boundaries, which re-joining split lines needs.
                var query = string.Create(CultureInfo.InvariantCulture,
                    $"containers/{container.ID}/logs?stdout=1&stderr=1&timestamps=1&follow={(request.Follow ? 1 : 0)}&tail={request.Tail?.ToString(CultureInfo.InvariantCulture) ?? "all"}{(since is { } from ? $"&since={from.UnixSeconds}" : "")}");
                var stream = await engine.OpenStreamAsync(query, $"logs of {name}", stop.Token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                    await DockerCalls.RunAsync($"logs of {name}", () => DockerLogReader.ReadAsync(stream, container.Config?.Tty ?? false, AcceptAsync, stop.Token)).ConfigureAwait(false);
            }
            lines.Writer.TryComplete();
            await sender.ConfigureAwait(false);
        }
        catch
        {
            lines.Writer.TryComplete();
            await stop.CancelAsync().ConfigureAwait(false);
            try { await sender.ConfigureAwait(false); } catch (OperationCanceledException) { }
            throw;
        }
        return new LogStreamEnd(request.Follow ? "container stopped" : "end of log", last ?? request.Since);

        async ValueTask AcceptAsync(List<LogLine> batch)
        {
            foreach (var line in batch)
            {
                if (since is { } s && LogTimestamp.TryParse(line.Timestamp, out var at) && at <= s) continue;
                if (!lines.Writer.TryWrite(line)) await lines.Writer.WriteAsync(line, stop.Token).ConfigureAwait(false);
                if (line.Timestamp.Length > 0) last = line.Timestamp;
            }
        }

        async Task SendBatchesAsync()
        {
            try
            {
                await Batcher.RunAsync(lines.Reader, MaxLinesPerBatch, TimeSpan.Zero,
                    batch => writer.WriteAsync(new LogBatch(batch) { Packed = request.Packed == true }, stop.Token), stop.Token).ConfigureAwait(false);
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false); // the reader must not wait on a full channel nobody drains
                throw;
            }
        }
    }
}
