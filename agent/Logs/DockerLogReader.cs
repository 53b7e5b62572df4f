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
            var header = new byte[8];
            var payload = new byte[32 * 1024];
            while (await ReadExactlyOrEndAsync(stream, header, ct).ConfigureAwait(false))
            {
                var size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
                if (size > MaxFrameBytes)
                    throw new AgentRequestException(ErrorCodes.DockerError, $"Docker sent a log frame of {size} bytes; the stream cannot be read safely");
                if (payload.Length < size) payload = new byte[size];
                if (!await ReadExactlyOrEndAsync(stream, payload.AsMemory(0, (int)size), ct).ConfigureAwait(false)) break;
                var target = header[0] == 2 ? "stderr" : "stdout";
                assembler.AddFrame(target, payload.AsSpan(0, (int)size), lines);
                await Deliver().ConfigureAwait(false);
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

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, Memory<byte> buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[total..], ct).ConfigureAwait(false);
            if (read == 0) return false;
            total += read;
        }
        return true;
    }
}
