namespace Monitor.Control.Tui.Contexts;

/// <summary>A bounded ring of log entries: appending past <see cref="Capacity"/> drops the oldest. Entries keep their
/// sequence numbers, so positions stay valid while old lines fall off.</summary>
public sealed class LogBuffer
{
    public const int DefaultCapacity = 100_000;
    private readonly LogEntry[] _ring;
    private int _start;

    public LogBuffer(int capacity = DefaultCapacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "The log buffer needs room for at least one line.");
        _ring = new LogEntry[capacity];
    }

    public int Capacity => _ring.Length;
    public int Count { get; private set; }
    /// <summary>Sequence number the next appended line gets.</summary>
    public long NextSeq { get; private set; }
    public long FirstSeq => NextSeq - Count;
    public long Evicted => FirstSeq;

    public LogEntry Append(string source, Monitor.Shared.Protocol.LogLine line)
    {
        var entry = new LogEntry(NextSeq++, source, line);
        if (Count < _ring.Length)
        {
            _ring[(_start + Count) % _ring.Length] = entry;
            Count++;
        }
        else
        {
            _ring[_start] = entry;
            _start = (_start + 1) % _ring.Length;
        }
        return entry;
    }

    public bool Contains(long seq) => seq >= FirstSeq && seq < NextSeq;

    public LogEntry this[long seq] => Contains(seq)
        ? _ring[(int)((_start + (seq - FirstSeq)) % _ring.Length)]
        : throw new ArgumentOutOfRangeException(nameof(seq), $"Line {seq} is not in the buffer ({FirstSeq}..{NextSeq - 1}).");

    public IEnumerable<LogEntry> All()
    {
        for (var s = FirstSeq; s < NextSeq; s++) yield return this[s];
    }

    public void Clear()
    {
        _start = 0;
        Count = 0;
    }
}
