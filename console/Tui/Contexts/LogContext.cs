using System.Collections.Concurrent;
using System.Text;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Tui.Contexts;

/// <summary>
/// The Log pane's state, free of any screen. Stream readers call <see cref="Enqueue"/> from any thread; the UI thread
/// calls <see cref="Flush"/> every ~50 ms, which moves pending lines into the bounded <see cref="LogBuffer"/> in one
/// batch (so a flood never blocks input). Toggles: follow, wrap, timestamps, pause. Filter keeps only matching lines;
/// search highlights matches and jumps between them.
/// </summary>
public sealed class LogContext(int capacity = LogBuffer.DefaultCapacity)
{
    private readonly ConcurrentQueue<(string Source, LogLine Line)> _pending = new();
    private readonly List<long> _matches = [];
    private int _matchHead;
    private long _received;
    private long? _bottomSeq;
    private long? _frozenSeq;

    public LogBuffer Buffer { get; } = new(capacity);
    public string Title { get; set; } = "Logs";
    public bool Follow { get; private set; } = true;
    public bool Wrap { get; private set; }
    public bool Timestamps { get; private set; } = true;
    public bool Paused { get; private set; }
    public bool ShowSource { get; set; }
    public string Filter { get; private set; } = "";
    public string Search { get; private set; } = "";
    public long Received => Interlocked.Read(ref _received);
    public long Flushed { get; private set; }
    public int PendingCount => _pending.Count;
    /// <summary>Lines that arrived after a pause (shown again on resume).</summary>
    public long NewSincePause => _frozenSeq is { } f ? Buffer.NextSeq - 1 - f : 0;

    /// <summary>Called by stream readers on any thread.</summary>
    public void Enqueue(string source, IReadOnlyList<LogLine> lines)
    {
        foreach (var line in lines) _pending.Enqueue((source, line));
        Interlocked.Add(ref _received, lines.Count);
    }

    public void Enqueue(string source, LogLine line)
    {
        _pending.Enqueue((source, line));
        Interlocked.Increment(ref _received);
    }

    /// <summary>Moves up to <paramref name="max"/> pending lines into the buffer (UI thread). Returns how many moved.</summary>
    public int Flush(int max = int.MaxValue)
    {
        var moved = 0;
        while (moved < max && _pending.TryDequeue(out var item))
        {
            var entry = Buffer.Append(item.Source, item.Line);
            if (Filter.Length > 0 && Matches(entry, Filter)) _matches.Add(entry.Seq);
            moved++;
        }
        Flushed += moved;
        TrimMatches();
        return moved;
    }

    public void Clear()
    {
        while (_pending.TryDequeue(out _)) { }
        Buffer.Clear();
        _matches.Clear();
        _matchHead = 0;
        _bottomSeq = null;
        _frozenSeq = null;
    }

    public void ToggleFollow()
    {
        Follow = !Follow;
        _bottomSeq = Follow ? null : LastVisibleSeq();
    }

    public void ToggleWrap() => Wrap = !Wrap;
    public void ToggleTimestamps() => Timestamps = !Timestamps;

    public void TogglePause()
    {
        Paused = !Paused;
        _frozenSeq = Paused ? Buffer.NextSeq - 1 : null;
    }

    public void SetFilter(string filter)
    {
        Filter = filter.Trim();
        _matches.Clear();
        _matchHead = 0;
        if (Filter.Length > 0)
            foreach (var e in Buffer.All())
                if (Matches(e, Filter)) _matches.Add(e.Seq);
        if (!Follow) _bottomSeq = LastVisibleSeq();
    }

    public void SetSearch(string search) => Search = search.Trim();

    /// <summary>Lines the pane currently offers (after the filter).</summary>
    public int VisibleCount => Filter.Length > 0 ? _matches.Count - _matchHead : Buffer.Count;

    public void Scroll(int lines)
    {
        if (VisibleCount == 0) return;
        var index = IndexOf(CurrentBottomSeq() ?? Buffer.FirstSeq) + lines;
        index = Math.Clamp(index, 0, VisibleCount - 1);
        if (lines < 0) Follow = false;
        _bottomSeq = SeqAt(index);
        if (Follow && index == VisibleCount - 1) _bottomSeq = null;
    }

    public void ScrollToEnd()
    {
        Follow = true;
        _bottomSeq = null;
    }

    /// <summary>Moves the view to the next (or previous) line containing the search text. Returns false if none.</summary>
    public bool FindNext(bool backwards = false)
    {
        if (Search.Length == 0 || VisibleCount == 0) return false;
        var from = IndexOf(CurrentBottomSeq() ?? Buffer.FirstSeq);
        var step = backwards ? -1 : 1;
        for (var i = from + step; i >= 0 && i < VisibleCount; i += step)
        {
            var e = Buffer[SeqAt(i)];
            if (e.Line.Text.Contains(Search, StringComparison.OrdinalIgnoreCase))
            {
                Follow = false;
                _bottomSeq = e.Seq;
                return true;
            }
        }
        return false;
    }

    /// <summary>The screen rows to draw for a pane of the given size (bottom-aligned, newest at the bottom).</summary>
    public IReadOnlyList<LogViewRow> Rows(int height, int width)
    {
        var rows = new List<LogViewRow>();
        if (height <= 0 || width <= 0 || VisibleCount == 0) return rows;
        var bottom = CurrentBottomSeq();
        if (bottom is null) return rows;
        for (var i = IndexOf(bottom.Value); i >= 0 && rows.Count < height; i--)
        {
            var entry = Buffer[SeqAt(i)];
            var text = Render(entry);
            var pieces = Wrap ? Chunk(text, width) : [text.Length > width ? text[..width] : text];
            for (var p = pieces.Count - 1; p >= 0 && rows.Count < height; p--)
                rows.Add(new LogViewRow(pieces[p], entry.IsStderr, Highlights(pieces[p])));
        }
        rows.Reverse();
        return rows;
    }

    public string Indicators() =>
        $"Follow:{OnOff(Follow)} Wrap:{OnOff(Wrap)} Time:{OnOff(Timestamps)} Pause:{OnOff(Paused)}"
        + (Filter.Length > 0 ? $" Filter:{Filter}" : "")
        + (Search.Length > 0 ? $" Search:{Search}" : "")
        + (Paused && NewSincePause > 0 ? $" +{NewSincePause}" : "")
        + $" {VisibleCount}/{Buffer.Count}";

    /// <summary>Writes every buffered line (timestamp, stream, text) to a file; returns the number written.</summary>
    public async Task<int> SaveAsync(string path, CancellationToken ct = default)
    {
        var lines = Buffer.All().Select(e => $"{e.Line.Timestamp} {e.Line.Stream} {(ShowSource ? e.Source + " " : "")}{e.Line.Text}").ToList();
        await File.WriteAllLinesAsync(path, lines, ct).ConfigureAwait(false);
        return lines.Count;
    }

    public string Render(LogEntry e)
    {
        var sb = new StringBuilder();
        if (Timestamps && e.Line.Timestamp.Length >= 19)
            sb.Append(e.Line.Timestamp.AsSpan(11, Math.Min(12, e.Line.Timestamp.Length - 11))).Append(' ');
        if (ShowSource) sb.Append(e.Source).Append(" │ ");
        foreach (var c in e.Line.Text)
            sb.Append(c == '\t' ? ' ' : char.IsControl(c) ? '·' : c);
        return sb.ToString();
    }

    private static string OnOff(bool value) => value ? "On" : "Off";

    private static bool Matches(LogEntry e, string text) => e.Line.Text.Contains(text, StringComparison.OrdinalIgnoreCase);

    private IReadOnlyList<(int, int)> Highlights(string text)
    {
        if (Search.Length == 0) return [];
        var list = new List<(int, int)>();
        for (var i = text.IndexOf(Search, StringComparison.OrdinalIgnoreCase); i >= 0;
             i = text.IndexOf(Search, i + Search.Length, StringComparison.OrdinalIgnoreCase))
            list.Add((i, Search.Length));
        return list;
    }

    private static List<string> Chunk(string text, int width)
    {
        if (text.Length <= width) return [text];
        var list = new List<string>();
        for (var i = 0; i < text.Length; i += width) list.Add(text.Substring(i, Math.Min(width, text.Length - i)));
        return list;
    }

    private long? CurrentBottomSeq()
    {
        if (VisibleCount == 0) return null;
        var limit = _frozenSeq ?? (Follow ? null : _bottomSeq);
        if (limit is null) return SeqAt(VisibleCount - 1);
        var index = IndexOf(limit.Value);
        return SeqAt(Math.Clamp(index, 0, VisibleCount - 1));
    }

    private long? LastVisibleSeq() => VisibleCount == 0 ? null : SeqAt(VisibleCount - 1);

    private long SeqAt(int index) => Filter.Length > 0 ? _matches[_matchHead + index] : Buffer.FirstSeq + index;

    /// <summary>Index of the last visible line at or before <paramref name="seq"/> (0 if none).</summary>
    private int IndexOf(long seq)
    {
        if (Filter.Length == 0) return (int)Math.Clamp(seq - Buffer.FirstSeq, 0, Math.Max(0, Buffer.Count - 1));
        int lo = _matchHead, hi = _matches.Count - 1, found = _matchHead;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_matches[mid] <= seq) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return found - _matchHead;
    }

    private void TrimMatches()
    {
        while (_matchHead < _matches.Count && _matches[_matchHead] < Buffer.FirstSeq) _matchHead++;
        if (_matchHead > 4096 && _matchHead > _matches.Count / 2)
        {
            _matches.RemoveRange(0, _matchHead);
            _matchHead = 0;
        }
    }
}
