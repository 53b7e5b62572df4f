using System.Globalization;
using System.Text;
using Monitor.Agent.Dispatch;
using Monitor.LogWriter;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.LogFiles;

/// <summary>Streams the entries of an app log file like container logs (tail, since, level, follow). Every entry carries
/// a cursor (inode:offset) to resume after it. Following keeps the file open: when the name points at a new file
/// (rotation) the old one is read to its end first, then the new one from its start; when the file shrinks
/// (truncation) reading starts again at its beginning. So no line is lost unless a truncation or two rotations happen
/// between two polls (100 ms) before the agent read the lines.</summary>
internal static class LogFileReader
{
    private const int BatchEntries = 500;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly string[] Levels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];

    public static async Task<LogStreamEnd> StreamAsync(LogFileScope scope, LogFileReadRequest request, IStreamWriter<LogFileBatch> writer, CancellationToken ct)
    {
        var resolved = scope.Require(request.Path);
        var real = scope.Real(resolved);
        var filter = new Filter(MinLevel(request.Level), request.Since);
        var ino = FileIdentity.Inode(real) ?? throw new AgentRequestException(ErrorCodes.NotFound, $"log file {request.Path} does not exist");
        long position = 0;
        string? last = null;

        if (Cursor.TryParse(request.Cursor, out var cursorIno, out var cursorOffset))
        {
            if (cursorIno == ino) position = cursorOffset;
            else if (FileIdentity.Inode(real + ".1") == cursorIno)
            {
                // Rotated since the cursor: finish the old file first.
                using var old = Open(real + ".1");
                var rest = ReadEntries(old, cursorIno, ref cursorOffset, filter);
                last = await WriteAsync(writer, rest, ct).ConfigureAwait(false) ?? last;
            }
        }

        var stream = Open(real);
        try
        {
            if (position > stream.Length) position = 0;
            var entries = ReadEntries(stream, ino, ref position, filter);
            if (request.Tail is { } tail && request.Cursor is null) entries = entries.Skip(Math.Max(0, entries.Count - Math.Max(0, tail))).ToList();
            last = await WriteAsync(writer, entries, ct).ConfigureAwait(false) ?? last;
            if (!request.Follow) return new LogStreamEnd("end", last);

            while (!ct.IsCancellationRequested)
            {
                try { await Task.Delay(Poll, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
                last = await WriteAsync(writer, ReadEntries(stream, ino, ref position, filter), ct).ConfigureAwait(false) ?? last;
                var now = FileIdentity.Inode(real);
                if (now is null) continue; // between a rename and the new file: wait for it
                if (now != ino)
                {
                    last = await WriteAsync(writer, ReadEntries(stream, ino, ref position, filter), ct).ConfigureAwait(false) ?? last;
                    await stream.DisposeAsync().ConfigureAwait(false);
                    stream = Open(real);
                    ino = now.Value;
                    position = 0;
                }
                else if (stream.Length < position) position = 0;
            }
            return new LogStreamEnd("cancelled", last);
        }
        finally { await stream.DisposeAsync().ConfigureAwait(false); }
    }

    private static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>Complete lines from <paramref name="position"/> on; advances it past the last complete line.</summary>
    private static List<LogFileEntry> ReadEntries(FileStream stream, ulong ino, ref long position, Filter filter)
    {
        var result = new List<LogFileEntry>();
        var length = stream.Length;
        if (length <= position) return result;
        stream.Position = position;
        var buffer = new byte[length - position];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var start = 0;
        for (var i = 0; i < read; i++)
        {
            if (buffer[i] != (byte)'\n') continue;
            var line = Encoding.UTF8.GetString(buffer, start, i - start).TrimEnd('\r');
            var cursor = Cursor.Format(ino, position + i + 1);
            start = i + 1;
            if (line.Length == 0 || LogFileHeader.IsHeader(line)) continue;
            var entry = Parse(line, cursor);
            if (filter.Accepts(entry)) result.Add(entry);
        }
        position += start;
        return result;
    }

    private static LogFileEntry Parse(string line, string cursor)
    {
        var f = line.Split('\t', 3);
        return f.Length == 3 && Array.IndexOf(Levels, f[1]) >= 0
            ? new LogFileEntry(f[0], f[1], LogFileFormat.Unescape(f[2]), cursor)
            : new LogFileEntry("", "?", line, cursor);
    }

    private static async Task<string?> WriteAsync(IStreamWriter<LogFileBatch> writer, List<LogFileEntry> entries, CancellationToken ct)
    {
        for (var i = 0; i < entries.Count; i += BatchEntries)
            await writer.WriteAsync(new LogFileBatch(entries.GetRange(i, Math.Min(BatchEntries, entries.Count - i))), ct).ConfigureAwait(false);
        return entries.Count > 0 ? entries[^1].Cursor : null;
    }

    private static int MinLevel(string? level)
    {
        if (string.IsNullOrWhiteSpace(level)) return 0;
        var name = level.Trim().ToUpperInvariant() switch { "WARNING" => "WARN", "ERR" => "ERROR", var n => n };
        var index = Array.IndexOf(Levels, name);
        return index >= 0 ? index
            : throw new AgentRequestException(ErrorCodes.InvalidArgument, $"level '{level}' is not one of {string.Join(", ", Levels).ToLowerInvariant()}");
    }

    private sealed record Filter(int MinLevel, string? Since)
    {
        public bool Accepts(LogFileEntry e) =>
            (MinLevel == 0 || Array.IndexOf(Levels, e.Level) >= MinLevel)
            && (Since is null || string.CompareOrdinal(e.Timestamp, Since) > 0);
    }

    private static class Cursor
    {
        public static string Format(ulong ino, long offset) => $"{ino.ToString(CultureInfo.InvariantCulture)}:{offset.ToString(CultureInfo.InvariantCulture)}";

        public static bool TryParse(string? text, out ulong ino, out long offset)
        {
            ino = 0; offset = 0;
            var parts = text?.Split(':');
            return parts is { Length: 2 }
                && ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out ino)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
    }
}
