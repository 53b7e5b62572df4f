using System.Globalization;
using System.Text;
using Monitor.Agent.Apps;
using Monitor.Agent.Dispatch;
using Monitor.Agent.LogFiles;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.LogShipping;

/// <summary>logship.app: an app's captured output from a cursor ("inode:offset") onwards, following it. The app appends
/// to output.log itself and the supervisor rotates it by renaming (output.log.1, .2, .3), so the inode tells where the
/// cursor's file went: that file is finished first, then the newer ones from their start. A file that shrank in place
/// (truncated) is read again from its start. Only complete lines are sent; the cursor points just past each.</summary>
internal static class AppLogShipper
{
    private const int BatchLines = 1000;
    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(200);

    public static async Task<LogStreamEnd> StreamAsync(string appsDir, AppLogShipRequest request, IStreamWriter<LogFileBatch> writer, CancellationToken ct)
    {
        var name = AppSpecRules.RequireName(request.Name);
        var dir = Path.Combine(appsDir, name);
        if (!Directory.Exists(dir)) throw new AgentRequestException(ErrorCodes.NotFound, $"no app {name} on this server");
        var current = Path.Combine(dir, "output.log");
        var (inode, offset) = ParseCursor(request.Cursor);

        while (!ct.IsCancellationRequested)
        {
            // Oldest first: output.log.3 … output.log.1, output.log.
            var files = Enumerable.Range(1, 3).Reverse().Select(n => $"{current}.{n}").Append(current)
                .Select(f => (Path: f, Inode: FileIdentity.Inode(f))).Where(f => f.Inode is not null).ToList();
            var start = inode is null ? 0 : files.FindIndex(f => f.Inode == inode);
            if (start < 0) { start = 0; offset = 0; } // the cursor's file is gone (rotated past the kept ones)
            var sent = false;
            for (var i = start; i < files.Count; i++)
            {
                var from = files[i].Inode == inode ? offset : 0;
                var length = Length(files[i].Path);
                if (length < from) from = 0; // truncated in place
                var (lines, end) = ReadFrom(files[i].Path, from);
                if (lines.Count > 0)
                {
                    await SendAsync(writer, lines, files[i].Inode!.Value, from, ct).ConfigureAwait(false);
                    sent = true;
                }
                (inode, offset) = (files[i].Inode, end);
            }
            if (sent) continue;
            try { await Task.Delay(FollowPoll, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
        return new LogStreamEnd("cancelled", null);
    }

    private static (ulong? Inode, long Offset) ParseCursor(string? cursor)
    {
        if (cursor is null) return (null, 0);
        var colon = cursor.IndexOf(':');
        if (colon > 0 && ulong.TryParse(cursor[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            && long.TryParse(cursor[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            return (inode, offset);
        throw new AgentRequestException(ErrorCodes.InvalidArgument, $"cursor '{cursor}' is not INODE:OFFSET");
    }

    private static long Length(string path)
    {
        try { return new FileInfo(path).Length; }
        catch (IOException) { return 0; }
    }

    /// <summary>Complete lines from <paramref name="offset"/> (with the offset just past each) and the offset after the last.</summary>
    private static (List<(string Text, long After)> Lines, long End) ReadFrom(string path, long offset)
    {
        byte[] buffer;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (offset > stream.Length) offset = 0;
            stream.Position = offset;
            buffer = new byte[Math.Min(stream.Length - offset, 8 << 20)];
            stream.ReadExactly(buffer);
        }
        catch (FileNotFoundException) { return ([], offset); }
        var lines = new List<(string, long)>();
        var lineStart = 0;
        for (var i = 0; i < buffer.Length; i++)
        {
            if (buffer[i] != (byte)'\n') continue;
            lines.Add((Encoding.UTF8.GetString(buffer, lineStart, i - lineStart).TrimEnd('\r'), offset + i + 1));
            lineStart = i + 1;
        }
        return (lines, offset + lineStart);
    }

    private static async Task SendAsync(IStreamWriter<LogFileBatch> writer, List<(string Text, long After)> lines, ulong inode, long from, CancellationToken ct)
    {
        var stamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        for (var i = 0; i < lines.Count; i += BatchLines)
            await writer.WriteAsync(new LogFileBatch(lines.Skip(i).Take(BatchLines)
                .Select(l => new LogFileEntry(stamp, "", l.Text, string.Create(CultureInfo.InvariantCulture, $"{inode}:{l.After}"))).ToList()), ct).ConfigureAwait(false);
    }
}
