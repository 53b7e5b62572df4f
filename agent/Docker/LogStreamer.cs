using System.Threading.Channels;
using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Docker;

/// <summary>container.logs: reads Docker's log stream on one task and sends batches (every 50 ms or 1000 lines)
/// on another, so frame count never limits throughput.</summary>
internal sealed class LogStreamer(DockerClient docker)
{
    public const int MaxBatchLines = 1000;
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);

    public async Task<LogStreamEnd> StreamAsync(LogStreamRequest request, IStreamWriter<LogBatch> writer, CancellationToken ct)
    {
        var id = Names.RequireContainer(request.Container);
        DockerTimestamp? since = null;
        if (request.Since is { Length: > 0 } s)
            since = DockerTimestamp.TryParse(s, out var parsed) ? parsed
                : throw new AgentRequestException(ErrorCodes.InvalidArgument, $"since '{s}' is not an RFC 3339 time or unix seconds");

        var inspect = await docker.Containers.InspectContainerAsync(id, ct).ConfigureAwait(false);
        var tty = inspect.Config?.Tty ?? false;
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true, ShowStderr = true, Timestamps = true, Follow = request.Follow,
            Tail = request.Tail is { } tail ? tail.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all",
            Since = since?.ToDockerSince(),
        };
#pragma warning disable CS0618 // the raw-stream overload lets us read frame headers ourselves (exact boundaries)
        using var stream = await docker.Containers.GetContainerLogsAsync(id, parameters, ct).ConfigureAwait(false);
#pragma warning restore CS0618

        var lines = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(50_000) { SingleReader = true, SingleWriter = true });
        string? last = null;
        var sender = Task.Run(async () =>
        {
            await foreach (var batch in Batcher.ReadBatchesAsync(lines.Reader, MaxBatchLines, FlushInterval, ct).ConfigureAwait(false))
            {
                await writer.WriteAsync(new LogBatch(batch), ct).ConfigureAwait(false);
                last = batch[^1].Timestamp;
            }
        }, ct);

        try
        {
            var reader = new LogFrameReader(stream, tty);
            var assembler = new LogLineAssembler(since);
            var output = new List<LogLine>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false) is { } frame)
            {
                if (tty) assembler.AddRaw(frame.Data.Span, output); else assembler.AddFrame(frame.Stream, frame.Data.Span, output);
                foreach (var line in output) await lines.Writer.WriteAsync(line, ct).ConfigureAwait(false);
                output.Clear();
            }
            assembler.Flush(output);
            foreach (var line in output) await lines.Writer.WriteAsync(line, ct).ConfigureAwait(false);
        }
        finally { lines.Writer.TryComplete(); }
        await sender.ConfigureAwait(false);
        return new LogStreamEnd("eof", last);
    }
}
