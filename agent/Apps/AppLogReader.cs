using System.Globalization;
using System.Text;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Apps;

/// <summary>Streams an app's captured output: the tail from the rotated and current files, then (follow) new lines as
/// they are appended, starting over at the beginning when the file shrinks (rotated or truncated). The app writes
/// without timestamps, so each line carries the time the agent read it.</summary>
internal static class AppLogReader
{
    private const int BatchLines = 500;
    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(200);

    public static async Task<LogStreamEnd> StreamAsync(AppPaths paths, AppLogRequest request, IStreamWriter<LogBatch> writer, CancellationToken ct)
    {
        var files = Enumerable.Range(1, AppPaths.KeptRotations).Reverse().Select(paths.Rotated).Append(paths.LogFile).Where(File.Exists).ToList();
        var tail = request.Tail is { } t ? Math.Max(0, t) : int.MaxValue;
        var kept = new Queue<string>();
        long position = 0;
        foreach (var file in files)
        {
            var (lines, end) = ReadFrom(file, 0);
            if (file == paths.LogFile) position = end;
            foreach (var line in lines)
            {
                kept.Enqueue(line);
                if (kept.Count > tail) kept.Dequeue();
            }
        }
        await WriteAsync(writer, kept.ToList(), ct).ConfigureAwait(false);
        if (!request.Follow) return new LogStreamEnd("end", null);

        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(FollowPoll, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
            var length = File.Exists(paths.LogFile) ? new FileInfo(paths.LogFile).Length : 0;
            if (length < position) position = 0;
            if (length == position) continue;
            var (lines, end) = ReadFrom(paths.LogFile, position);
            position = end;
            await WriteAsync(writer, lines, ct).ConfigureAwait(false);
        }
        return new LogStreamEnd("cancelled", null);
    }

    /// <summary>Complete lines from <paramref name="offset"/>; the returned end is just past the last newline (a partial
    /// last line is read again next time).</summary>
    private static (List<string> Lines, long End) ReadFrom(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (offset > stream.Length) offset = 0;
        stream.Position = offset;
        var buffer = new byte[stream.Length - offset];
        stream.ReadExactly(buffer);
        var last = Array.LastIndexOf(buffer, (byte)'\n');
        if (last < 0) return ([], offset);
        var text = Encoding.UTF8.GetString(buffer, 0, last);
        return (text.Split('\n').Select(l => l.TrimEnd('\r')).ToList(), offset + last + 1);
    }

    private static async Task WriteAsync(IStreamWriter<LogBatch> writer, IReadOnlyList<string> lines, CancellationToken ct)
    {
        var stamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        for (var i = 0; i < lines.Count; i += BatchLines)
            await writer.WriteAsync(new LogBatch(lines.Skip(i).Take(BatchLines).Select(l => new LogLine(stamp, "output", l)).ToList()), ct).ConfigureAwait(false);
    }
}
