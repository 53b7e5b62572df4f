using System.Buffers.Binary;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Logs;

/// <summary>Reads Docker's log stream: without a TTY, 8-byte headers (stream type, 0, 0, 0, big-endian size) frame
/// each message and keep stdout and stderr apart; with a TTY, the stream is raw stdout.</summary>
public static class DockerLogReader
{
    private const int MaxFrameBytes = 8 * 1024 * 1024;

    public static async Task ReadAsync(Stream stream, bool tty, Func<List<LogLine>, ValueTask> onLines, CancellationToken ct)
    {
        var assembler = new LogLineAssembler();
        var lines = new List<LogLine>();
        if (tty)
        {
            var buffer = new byte[64 * 1024];
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var read = await stream.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false);
                if (read == 0) break;
                filled += read;
                var consumed = assembler.AddRaw("stdout", buffer.AsSpan(0, filled), lines);
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
                await Deliver().ConfigureAwait(false);
            }
            if (filled > 0) assembler.AddFrame("stdout", buffer.AsSpan(0, filled), lines);
        }
        else
        {
            // One large buffer holds as many frames as a read brings; all complete frames in it are handed over
            // together, so a flood costs one hand-over per read instead of one per line, and a sparse line still goes
            // on as soon as its read returns.
            var buffer = new byte[64 * 1024];
            int start = 0, filled = 0;
            while (true)
            {
                while (filled - start >= 8)
                {
                    var size = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(start + 4));
                    if (size > MaxFrameBytes)
                        throw new AgentRequestException(ErrorCodes.DockerError, $"Docker sent a log frame of {size} bytes; the stream cannot be read safely");
                    if (filled - start - 8 < size)
                    {
                        if (8 + size > buffer.Length) Array.Resize(ref buffer, (int)Math.Max(buffer.Length * 2L, 8 + size));
                        break;
                    }
                    var target = buffer[start] == 2 ? "stderr" : "stdout";
                    assembler.AddFrame(target, buffer.AsSpan(start + 8, (int)size), lines);
                    start += 8 + (int)size;
                }
                await Deliver().ConfigureAwait(false);
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                    filled -= start;
                    start = 0;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false);
                if (read == 0) break;
                filled += read;
            }
        }
        assembler.Flush(lines);
        await Deliver().ConfigureAwait(false);

        async ValueTask Deliver()
        {
            if (lines.Count == 0) return;
            await onLines(lines).ConfigureAwait(false);
            lines.Clear();
        }
    }
}
