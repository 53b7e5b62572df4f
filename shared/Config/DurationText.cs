using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Shared.Config;

/// <summary>Durations as operators write them: "90s", "5m", "2h", "7d", "1h30m" (units s, m, h, d, w).</summary>
public static partial class DurationText
{
    [GeneratedRegex(@"^(?:(\d+)([smhdw]))+$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"(\d+)([smhdw])")]
    private static partial Regex Part();

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || !Shape().IsMatch(text.Trim())) return false;
        foreach (Match m in Part().Matches(text.Trim()))
        {
            if (!long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000) return false;
            value += m.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                _ => TimeSpan.FromDays(7 * n),
            };
        }
        return value > TimeSpan.Zero;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> naming the setting and the accepted shape.</summary>
    public static TimeSpan Parse(string? text, string what) =>
        TryParse(text, out var value) ? value
            : throw new FormatException($"{what}: '{text}' is not a duration; write e.g. 30s, 5m, 2h, 7d or 1h30m");

    public static string Format(TimeSpan value)
    {
        if (value.TotalSeconds < 1) return $"{value.TotalMilliseconds:0}ms";
        var parts = new List<string>();
        if (value.Days > 0) parts.Add($"{value.Days}d");
        if (value.Hours > 0) parts.Add($"{value.Hours}h");
        if (value.Minutes > 0) parts.Add($"{value.Minutes}m");
        if (value.Seconds > 0) parts.Add($"{value.Seconds}s");
        return string.Concat(parts);
    }
}
