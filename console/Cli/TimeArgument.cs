using System.Globalization;

namespace Monitor.Control.Cli;

/// <summary>Parses --since values: an ISO 8601 time, or a duration ago like 30s, 10m, 2h, 7d.</summary>
public static class TimeArgument
{
    public static DateTimeOffset Parse(string text, DateTimeOffset now)
    {
        var value = text.Trim();
        if (value.Length >= 2 && char.IsAsciiLetter(value[^1]) && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            var span = char.ToLowerInvariant(value[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => (TimeSpan?)null,
            };
            if (span is { } ago) return now - ago;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        throw new UsageException($"cannot read time '{text}': use an ISO time like 2026-01-31T12:00:00Z or a duration ago like 30s, 10m, 2h, 7d");
    }
}
