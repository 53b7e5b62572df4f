using System.Globalization;
using Monitor.Control.Services;

namespace Monitor.Control.LogSearch;

/// <summary>Where a container's shipping stands: Docker's timestamp of the last kept line and how many kept lines carry
/// exactly that timestamp. A stream reopens just before that timestamp and skips that many lines at it, so lines sharing
/// a timestamp are neither lost nor repeated. Stored as "TIMESTAMP|COUNT".</summary>
public sealed class ContainerLogCursor
{
    private int _skip;

    public string? Timestamp { get; private set; }
    public int AtTimestamp { get; private set; }

    public static ContainerLogCursor Parse(string? stored)
    {
        var cursor = new ContainerLogCursor();
        var bar = stored?.LastIndexOf('|') ?? -1;
        if (stored is not null && bar > 0 && int.TryParse(stored[(bar + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            cursor.Timestamp = stored[..bar];
            cursor.AtTimestamp = count;
        }
        cursor.Reopen();
        return cursor;
    }

    /// <summary>The <c>since</c> of a reopened stream: one nanosecond before the last kept timestamp (unix seconds.nanos).</summary>
    public string? Since
    {
        get
        {
            if (Timestamp is null) return null;
            var key = LogTimeKey.Parse(Timestamp);
            var (seconds, nanos) = key.Nanos > 0 ? (key.UnixSeconds, key.Nanos - 1) : (key.UnixSeconds - 1, 999_999_999);
            return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{nanos:D9}");
        }
    }

    /// <summary>Call before reading a (re)opened stream: the lines at the last timestamp that were kept are skipped.</summary>
    public void Reopen() => _skip = AtTimestamp;

    /// <summary>True when the line is new (and moves the cursor past it); false for a line already kept.</summary>
    public bool Accept(string timestamp)
    {
        var same = Timestamp is not null && LogTimeKey.Parse(timestamp).CompareTo(LogTimeKey.Parse(Timestamp)) == 0;
        if (same && _skip > 0) { _skip--; return false; }
        _skip = 0;
        if (same) AtTimestamp++;
        else { Timestamp = timestamp; AtTimestamp = 1; }
        return true;
    }

    public override string ToString() => $"{Timestamp}|{AtTimestamp.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Docker's timestamp as a time (to 100 ns); <paramref name="fallback"/> when it does not parse.</summary>
    public static DateTimeOffset TimeOf(string timestamp, DateTimeOffset fallback)
    {
        var key = LogTimeKey.Parse(timestamp);
        return key == default ? fallback : DateTimeOffset.FromUnixTimeSeconds(key.UnixSeconds).AddTicks(key.Nanos / 100);
    }
}
