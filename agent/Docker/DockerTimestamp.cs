using System.Globalization;

namespace Monitor.Agent.Docker;

/// <summary>A Docker log timestamp to the nanosecond (DateTime only holds 100 ns ticks, not enough to resume exactly).
/// Parses RFC 3339 with up to 9 fraction digits (Docker trims trailing zeros) and unix "seconds[.nanos]".</summary>
public readonly record struct DockerTimestamp(long UnixSeconds, int Nanos) : IComparable<DockerTimestamp>
{
    public int CompareTo(DockerTimestamp other) =>
        UnixSeconds != other.UnixSeconds ? UnixSeconds.CompareTo(other.UnixSeconds) : Nanos.CompareTo(other.Nanos);

    public static bool operator <=(DockerTimestamp a, DockerTimestamp b) => a.CompareTo(b) <= 0;
    public static bool operator >=(DockerTimestamp a, DockerTimestamp b) => a.CompareTo(b) >= 0;
    public static bool operator <(DockerTimestamp a, DockerTimestamp b) => a.CompareTo(b) < 0;
    public static bool operator >(DockerTimestamp a, DockerTimestamp b) => a.CompareTo(b) > 0;

    /// <summary>Docker's `since` parameter form: seconds.nanoseconds.</summary>
    public string ToDockerSince() => $"{UnixSeconds}.{Nanos:D9}";

    public static bool TryParse(string? text, out DockerTimestamp value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (char.IsDigit(text[0]) && !text.Contains('-'))
            return TryParseUnix(text, out value);
        var dot = text.IndexOf('.');
        var zoneStart = text.IndexOfAny(['Z', '+', '-'], Math.Max(dot, 19));
        if (zoneStart < 0) return false;
        var fraction = dot > 0 && dot < zoneStart ? text[(dot + 1)..zoneStart] : "";
        var whole = (dot > 0 && dot < zoneStart ? text[..dot] : text[..zoneStart]) + text[zoneStart..];
        if (!DateTimeOffset.TryParse(whole, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var seconds)) return false;
        if (fraction.Length > 9 || !fraction.All(char.IsDigit)) return false;
        value = new DockerTimestamp(seconds.ToUnixTimeSeconds(), fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(9, '0'), CultureInfo.InvariantCulture));
        return true;
    }

    private static bool TryParseUnix(string text, out DockerTimestamp value)
    {
        value = default;
        var parts = text.Split('.', 2);
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        var nanos = 0;
        if (parts.Length == 2)
        {
            if (parts[1].Length > 9 || !int.TryParse(parts[1].PadRight(9, '0'), NumberStyles.None, CultureInfo.InvariantCulture, out nanos)) return false;
        }
        value = new DockerTimestamp(seconds, nanos);
        return true;
    }
}
