using System.Text;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Docker;

/// <summary>Turns timestamped frames into whole lines. A message Docker split (lines over 16 KB arrive as several
/// frames without a trailing newline) is re-joined under its first timestamp. Lines at or before
/// <c>since</c> are dropped so a resumed stream repeats nothing.</summary>
internal sealed class LogLineAssembler(DockerTimestamp? since)
{
    private readonly StringBuilder?[] _pending = new StringBuilder?[3];
    private readonly string?[] _pendingTimestamp = new string?[3];
    private readonly StringBuilder _ttyCarry = new();

    public void AddFrame(int stream, ReadOnlySpan<byte> data, List<LogLine> output)
    {
        var text = Encoding.UTF8.GetString(data);
        var space = text.IndexOf(' ');
        var timestamp = space > 0 ? text[..space] : text.TrimEnd('\n');
        var message = space > 0 ? text[(space + 1)..] : "";
        var pending = _pending[stream];
        if (pending is null) { pending = _pending[stream] = new StringBuilder(); _pendingTimestamp[stream] = timestamp; }
        if (message.EndsWith('\n'))
        {
            pending.Append(message, 0, message.Length - 1);
            Emit(_pendingTimestamp[stream]!, stream, pending.ToString(), output);
            _pending[stream] = null;
        }
        else pending.Append(message);
    }

    /// <summary>TTY output has no frames: split on newlines; every line starts with its timestamp.</summary>
    public void AddRaw(ReadOnlySpan<byte> data, List<LogLine> output)
    {
        _ttyCarry.Append(Encoding.UTF8.GetString(data));
        var all = _ttyCarry.ToString();
        var last = all.LastIndexOf('\n');
        if (last < 0) return;
        foreach (var line in all[..last].Split('\n'))
        {
            var space = line.IndexOf(' ');
            Emit(space > 0 ? line[..space] : line, 1, (space > 0 ? line[(space + 1)..] : "").TrimEnd('\r'), output);
        }
        _ttyCarry.Clear().Append(all, last + 1, all.Length - last - 1);
    }

    /// <summary>At end of stream: what is pending without a newline is still a line.</summary>
    public void Flush(List<LogLine> output)
    {
        for (var s = 1; s <= 2; s++)
            if (_pending[s] is { } p) { Emit(_pendingTimestamp[s]!, s, p.ToString(), output); _pending[s] = null; }
        if (_ttyCarry.Length > 0) { AddRaw("\n"u8, output); }
    }

    private void Emit(string timestamp, int stream, string text, List<LogLine> output)
    {
        if (since is { } limit && DockerTimestamp.TryParse(timestamp, out var ts) && ts <= limit) return;
        output.Add(new LogLine(timestamp, stream == 2 ? "stderr" : "stdout", text));
    }
}
