using System.Globalization;

namespace Monitor.Control.Services;

/// <summary>Orders Docker's RFC 3339 log timestamps to the nanosecond ("2026-12-02T01:02:03.123456789Z"; Docker trims
/// trailing zeros, so the text does not sort as a string and DateTimeOffset keeps only 100 ns).</summary>
public readonly record struct LogTimeKey(long UnixSeconds, int Nanos) : IComparable<LogTimeKey>
{
    public static LogTimeKey Parse(string? timestamp)
    {
        if (string.IsNullOrEmpty(timestamp)) return default;
        var dot = timestamp.IndexOf('.', StringComparison.Ordinal);
        var nanos = 0;
        var whole = timestamp;
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < timestamp.Length && char.IsAsciiDigit(timestamp[end])) end++;
            var digits = timestamp[(dot + 1)..end];
            nanos = int.Parse(digits.Length > 9 ? digits[..9] : digits.PadRight(9, '0'), CultureInfo.InvariantCulture);
            whole = timestamp[..dot] + timestamp[end..];
        }
        return DateTimeOffset.TryParse(whole, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? new LogTimeKey(t.ToUnixTimeSeconds(), nanos)
            : default;
    }

    public int CompareTo(LogTimeKey other) =>
        UnixSeconds != other.UnixSeconds ? UnixSeconds.CompareTo(other.UnixSeconds) : Nanos.CompareTo(other.Nanos);
}
