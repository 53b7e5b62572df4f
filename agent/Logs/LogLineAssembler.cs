using System.Text;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Logs;

/// <summary>Turns Docker log frames ("TIMESTAMP text", one message per multiplexed frame) into whole lines per stream.
/// Docker splits lines over 16 KB into partial messages that lack the newline, each with its own timestamp; those are
/// re-joined, and the joined line carries the timestamp of its last part so resuming after it repeats nothing.</summary>
public sealed class LogLineAssembler
{
    /// <summary>A partial line longer than this is emitted as it is rather than buffered without end.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    private readonly Pending _stdout = new();
    private readonly Pending _stderr = new();
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    private sealed class Pending
    {
        public readonly MemoryStream Bytes = new();
        public string Timestamp = "";
    }

    /// <summary>One multiplexed frame: complete lines, then possibly a trailing partial kept for the next frame.</summary>
    public void AddFrame(string stream, ReadOnlySpan<byte> payload, List<LogLine> output)
    {
        while (payload.Length > 0)
        {
            var newline = payload.IndexOf((byte)'\n');
            var segment = newline < 0 ? payload : payload[..newline];
            AddSegment(stream, segment, complete: newline >= 0, output);
            payload = newline < 0 ? [] : payload[(newline + 1)..];
        }
    }

    /// <summary>A raw (TTY) stream has no frames: each '\n'-terminated line is one message. Returns the bytes consumed;
    /// the caller keeps the rest for the next read.</summary>
    public int AddRaw(string stream, ReadOnlySpan<byte> data, List<LogLine> output)
    {
        var consumed = 0;
        while (true)
        {
            var newline = data[consumed..].IndexOf((byte)'\n');
            if (newline < 0) return consumed;
            AddSegment(stream, data.Slice(consumed, newline), complete: true, output);
            consumed += newline + 1;
        }
    }

    /// <summary>At the end of the stream: partial lines still buffered are emitted as they are.</summary>
    public void Flush(List<LogLine> output)
    {
        if (_stdout.Bytes.Length > 0) output.Add(Emit("stdout", _stdout));
        if (_stderr.Bytes.Length > 0) output.Add(Emit("stderr", _stderr));
        foreach (var (stream, pending) in _pending)
            if (pending.Bytes.Length > 0) output.Add(Emit(stream, pending));
        _pending.Clear();
    }

    private void AddSegment(string stream, ReadOnlySpan<byte> segment, bool complete, List<LogLine> output)
    {
        var space = segment.IndexOf((byte)' ');
        if (space > 0 && LooksLikeTimestamp(segment[..space]))
            AddMessage(stream, Encoding.ASCII.GetString(segment[..space]), segment[(space + 1)..], complete, output);
        else
            AddMessage(stream, "", segment, complete, output);
    }

    /// <summary>One message whose timestamp is already apart (the json-file log): <paramref name="complete"/> when it
    /// ended with a newline (not included in <paramref name="text"/>).</summary>
    public void AddMessage(string stream, string timestamp, ReadOnlySpan<byte> text, bool complete, List<LogLine> output)
    {
        var pending = stream == "stdout" ? _stdout : stream == "stderr" ? _stderr : Other(stream);
        if (complete && pending.Bytes.Length == 0 && pending.Timestamp.Length == 0)
        {
            // the common case: a whole line with nothing buffered before it, decoded straight from the input
            if (text.Length > 0 && text[^1] == (byte)'\r') text = text[..^1];
            output.Add(new LogLine(timestamp, stream, Encoding.UTF8.GetString(text)));
            return;
        }
        pending.Bytes.Write(text);
        if (timestamp.Length > 0) pending.Timestamp = timestamp;
        if (complete || pending.Bytes.Length >= MaxLineBytes) output.Add(Emit(stream, pending));
    }

    private Pending Other(string stream)
    {
        if (!_pending.TryGetValue(stream, out var pending)) _pending[stream] = pending = new Pending();
        return pending;
    }

    private static LogLine Emit(string stream, Pending pending)
    {
        var bytes = pending.Bytes.GetBuffer().AsSpan(0, (int)pending.Bytes.Length);
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r') bytes = bytes[..^1];
        var line = new LogLine(pending.Timestamp, stream, Encoding.UTF8.GetString(bytes));
        pending.Bytes.SetLength(0);
        pending.Timestamp = "";
        return line;
    }

    private static bool LooksLikeTimestamp(ReadOnlySpan<byte> candidate) =>
        candidate.Length is >= 20 and <= 40 && candidate[4] == (byte)'-' && candidate[10] == (byte)'T';
}
