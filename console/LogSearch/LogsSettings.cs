using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.Shared.Config;

namespace Monitor.Control.LogSearch;

/// <summary>[logs] retention and max_size, parsed. Sizes: a number with B, KB, MB, GB, TB (powers of 1000) or KiB, MiB,
/// GiB, TiB (powers of 1024).</summary>
public sealed partial record LogsSettings(TimeSpan Retention, long MaxBytes)
{
    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B|B)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();

    /// <summary>Parses or throws <see cref="FormatException"/> naming the setting.</summary>
    public static LogsSettings From(LogsConfig? config)
    {
        config ??= new LogsConfig();
        return new LogsSettings(DurationText.Parse(config.Retention, "[logs] retention"), ParseSize(config.MaxSize, "[logs] max_size"));
    }

    public static long ParseSize(string? text, string what)
    {
        var m = SizePattern().Match(text ?? "");
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number <= 0)
            throw new FormatException($"{what}: '{text}' is not a size; write e.g. 500MB, 5GB or 2GiB");
        var unit = m.Groups[2].Value.ToUpperInvariant();
        var scale = unit[0] switch { 'K' => 1, 'M' => 2, 'G' => 3, 'T' => 4, _ => 0 };
        var factor = Math.Pow(unit.Contains('I') ? 1024 : 1000, scale);
        return (long)Math.Min(long.MaxValue, number * factor);
    }
}
