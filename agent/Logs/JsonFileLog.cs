using System.Text;
using System.Text.Json;
using Docker.DotNet.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Logs;

/// <summary>Reads a stopped-or-running container's log straight from the engine's json-file (one JSON object per line:
/// <c>{"log":"text\n","stream":"stdout","time":"RFC 3339"}</c>) when the agent runs beside the engine: no engine
/// round trip, no re-framing, about the engine's own decoding cost once. Used only where it gives exactly what the
/// API would (a non-follow read, driver json-file, no rotated files, the file readable); everywhere else
/// <see cref="TryOpen"/> says no and the caller asks the engine.</summary>
public sealed class JsonFileLog : IDisposable
{
    private const int ChunkBytes = 256 * 1024;
    private static readonly byte[] LogKey = "log"u8.ToArray();
    private static readonly byte[] StreamKey = "stream"u8.ToArray();
    private static readonly byte[] TimeKey = "time"u8.ToArray();

    private readonly FileStream _file;

    private JsonFileLog(FileStream file) => _file = file;

    /// <summary>The open log when a direct read gives what the engine would, else null (then use the API).</summary>
    public static JsonFileLog? TryOpen(ContainerInspectResponse container, LogStreamRequest request)
    {
        if (request.Follow) return null; // a followed log lives on through rotation: the engine handles that
        if (container.HostConfig?.LogConfig?.Type != "json-file") return null;
        var path = container.LogPath;
        if (string.IsNullOrEmpty(path) || File.Exists(path + ".1")) return null; // rotated (maybe compressed) parts: the engine joins them
        try
        {
            return new JsonFileLog(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return null; // the agent does not see the engine's files (another mount namespace, another host): ask the engine
        }
    }

    public void Dispose() => _file.Dispose();

    /// <summary>Reads the log's entries (the last <paramref name="tail"/> when given, counted like the engine counts
    /// them: one per entry) up to the last complete entry, handing over the lines of each chunk as they are decoded.</summary>
    public async Task ReadAsync(int? tail, Func<List<LogLine>, ValueTask> onLines, CancellationToken ct)
    {
        var end = _file.Length;
        var position = tail is { } n ? await TailStartAsync(_file, end, n, ct).ConfigureAwait(false) : 0;
        var assembler = new LogLineAssembler();
        var lines = new List<LogLine>(1024);
        var buffer = new byte[ChunkBytes];
        var filled = 0;
        var text = new byte[4096];
        while (position < end)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2); // an entry longer than the buffer
            var read = await RandomAccess.ReadAsync(_file.SafeFileHandle, buffer.AsMemory(filled, (int)Math.Min(buffer.Length - filled, end - position)), position, ct).ConfigureAwait(false);
            if (read == 0) break;
            position += read;
            filled += read;
            var consumed = 0;
            while (true)
            {
                var newline = buffer.AsSpan(consumed, filled - consumed).IndexOf((byte)'\n');
                if (newline < 0) break;
                AddEntry(assembler, buffer.AsSpan(consumed, newline), ref text, lines);
                consumed += newline + 1;
            }
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
            if (lines.Count > 0)
            {
                await onLines(lines).ConfigureAwait(false);
                lines.Clear();
            }
        }
        // bytes after the last newline: an entry the engine is still writing; the API would not show it either
        assembler.Flush(lines);
        if (lines.Count > 0) await onLines(lines).ConfigureAwait(false);
    }

    /// <summary>Where the last <paramref name="count"/> entries start: scans back from the end for newlines.</summary>
    public static async Task<long> TailStartAsync(FileStream file, long end, int count, CancellationToken ct)
    {
        if (count <= 0) return end;
        var buffer = new byte[64 * 1024];
        var position = end;
        var seen = 0;
        var lastByte = true; // the newline ending the last entry does not start one
        while (position > 0)
        {
            var size = (int)Math.Min(buffer.Length, position);
            position -= size;
            var read = await RandomAccess.ReadAsync(file.SafeFileHandle, buffer.AsMemory(0, size), position, ct).ConfigureAwait(false);
            for (var i = read - 1; i >= 0; i--)
            {
                if (buffer[i] != (byte)'\n') { lastByte = false; continue; }
                if (lastByte) { lastByte = false; continue; }
                if (++seen == count) return position + i + 1;
            }
        }
        return 0;
    }

    /// <summary>One json-file entry; a line that is not such an entry is skipped, as the engine would fail on it.</summary>
    public static void AddEntry(LogLineAssembler assembler, ReadOnlySpan<byte> entry, ref byte[] text, List<LogLine> output)
    {
        if (entry.IsEmpty) return;
        var reader = new Utf8JsonReader(entry);
        string stream = "stdout", time = "";
        var textLength = -1;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(LogKey))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String) return;
                    textLength = Unescape(ref reader, ref text);
                }
                else if (reader.ValueTextEquals(StreamKey))
                {
                    reader.Read();
                    stream = reader.ValueTextEquals("stderr"u8) ? "stderr" : reader.ValueTextEquals("stdout"u8) ? "stdout" : reader.GetString() ?? "stdout";
                }
                else if (reader.ValueTextEquals(TimeKey))
                {
                    reader.Read();
                    time = ApiTimestamp(reader.ValueSpan);
                }
                else reader.Skip();
            }
        }
        catch (JsonException) { return; }
        if (textLength < 0) return;
        var message = text.AsSpan(0, textLength);
        var complete = message.Length > 0 && message[^1] == (byte)'\n';
        assembler.AddMessage(stream, time, complete ? message[..^1] : message, complete, output);
    }

    private static int Unescape(ref Utf8JsonReader reader, ref byte[] text)
    {
        var raw = reader.ValueSpan; // one entry is one span: never a sequence
        if (text.Length < raw.Length) text = new byte[Math.Max(raw.Length, text.Length * 2)];
        if (!reader.ValueIsEscaped)
        {
            raw.CopyTo(text);
            return raw.Length;
        }
        return reader.CopyString(text);
    }

    /// <summary>The engine's API prints times with exactly nine fraction digits in UTC; the file keeps Go's shortest
    /// form (trailing zeros dropped). The common UTC form is padded in place; any other form goes through a parse.</summary>
    public static string ApiTimestamp(ReadOnlySpan<byte> time)
    {
        if (time.Length >= 20 && time[^1] == (byte)'Z' && time[19] is (byte)'.' or (byte)'Z')
        {
            var digits = time[19] == (byte)'.' ? time.Length - 21 : 0;
            if (digits <= 9)
            {
                Span<byte> fixedForm = stackalloc byte[30];
                time[..19].CopyTo(fixedForm);
                fixedForm[19] = (byte)'.';
                if (digits > 0) time.Slice(20, digits).CopyTo(fixedForm[20..]);
                fixedForm[(20 + digits)..29].Fill((byte)'0');
                fixedForm[29] = (byte)'Z';
                return Encoding.ASCII.GetString(fixedForm);
            }
        }
        var text = Encoding.UTF8.GetString(time);
        if (!LogTimestamp.TryParse(text, out var parsed)) return text;
        var whole = DateTimeOffset.FromUnixTimeSeconds(parsed.UnixSeconds).UtcDateTime;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{whole:yyyy-MM-dd'T'HH:mm:ss}.{parsed.Nanoseconds:D9}Z");
    }
}
