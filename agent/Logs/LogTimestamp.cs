using System.Globalization;

namespace Monitor.Agent.Logs;

/// <summary>A log timestamp kept to the nanosecond (DateTimeOffset stops at 100 ns), so "drop lines at or before
/// since" compares exactly what Docker printed.</summary>
public readonly record struct LogTimestamp(long UnixSeconds, int Nanoseconds) : IComparable<LogTimestamp>
{
    public int CompareTo(LogTimestamp other) =>
        UnixSeconds != other.UnixSeconds ? UnixSeconds.CompareTo(other.UnixSeconds) : Nanoseconds.CompareTo(other.Nanoseconds);

    public static bool operator <=(LogTimestamp a, LogTimestamp b) => a.CompareTo(b) <= 0;
    public static bool operator >=(LogTimestamp a, LogTimestamp b) => a.CompareTo(b) >= 0;
    public static bool operator <(LogTimestamp a, LogTimestamp b) => a.CompareTo(b) < 0;
    public static bool operator >(LogTimestamp a, LogTimestamp b) => a.CompareTo(b) > 0;

    /// <summary>Accepts RFC 3339 with up to 9 fraction digits (<c>2024-05-01T10:00:00.123456789Z</c>, offsets allowed)
    /// or unix seconds with optional fraction (<c>1714557600.123456789</c>).</summary>
    public static bool TryParse(string? text, out LogTimestamp timestamp)
    {
        timestamp = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        return text.Contains('T') ? TryParseRfc3339(text, out timestamp) : TryParseUnix(text, out timestamp);
    }

    private static bool TryParseUnix(string text, out LogTimestamp timestamp)
    {
        timestamp = default;
        var dot = text.IndexOf('.');
        var secondsText = dot < 0 ? text : text[..dot];
        if (!long.TryParse(secondsText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        var nanos = 0;
        if (dot >= 0 && !TryParseFraction(text[(dot + 1)..], out nanos)) return false;
        timestamp = new LogTimestamp(seconds, nanos);
        return true;
    }

    private static bool TryParseRfc3339(string text, out LogTimestamp timestamp)
    {
        timestamp = default;
        if (text.Length < 20) return false;
        var zoneStart = text.EndsWith('Z') || text.EndsWith('z') ? text.Length - 1 : text.LastIndexOfAny(['+', '-']);
        if (zoneStart < 19) return false;
        var zone = text[zoneStart..] is "Z" or "z" ? "+00:00" : text[zoneStart..];
        var main = text[..zoneStart];
        var nanos = 0;
        var dot = main.IndexOf('.');
        if (dot >= 0)
        {
            if (!TryParseFraction(main[(dot + 1)..], out nanos)) return false;
            main = main[..dot];
        }
        if (!DateTimeOffset.TryParseExact(main + zone, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var whole))
            return false;
        timestamp = new LogTimestamp(whole.ToUnixTimeSeconds(), nanos);
        return true;
    }

    private static bool TryParseFraction(string digits, out int nanos)
    {
        nanos = 0;
        if (digits.Length == 0 || digits.Length > 9 || !digits.All(char.IsAsciiDigit)) return false;
        nanos = int.Parse(digits.PadRight(9, '0'), CultureInfo.InvariantCulture);
        return true;
    }

    public override string ToString() => $"{UnixSeconds}.{Nanoseconds:D9}";
}
