using System.Text.RegularExpressions;

namespace Monitor.Control.LogSearch;

/// <summary>Levels of kept lines: debug &lt; info &lt; warn &lt; error. Log files name theirs; for container and app output
/// the level is guessed from the first level word in the line (ERROR, warn, [info], level=debug, ...).</summary>
public static partial class LogLevels
{
    public static readonly IReadOnlyList<string> Ordered = ["debug", "info", "warn", "error"];

    [GeneratedRegex(@"\b(fatal|panic|crit(?:ical)?|err(?:or)?|warn(?:ing)?|info|debug|trace)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LevelWord();

    /// <summary>debug, info, warn or error for a level name (aliases accepted), else null.</summary>
    public static string? Normalize(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        "fatal" or "panic" or "crit" or "critical" or "err" or "error" => "error",
        "warn" or "warning" => "warn",
        "info" or "notice" => "info",
        "debug" or "trace" => "debug",
        _ => null,
    };

    /// <summary>The first level word in the line's first 200 characters, or null.</summary>
    public static string? Guess(string text)
    {
        var m = LevelWord().Match(text.Length > 200 ? text[..200] : text);
        return m.Success ? Normalize(m.Value) : null;
    }

    /// <summary>The levels at or above <paramref name="least"/>; throws <see cref="FormatException"/> for an unknown level.</summary>
    public static IReadOnlyList<string> AtLeast(string least)
    {
        var normalized = Normalize(least) ?? throw new FormatException($"level '{least}' is unknown; use debug, info, warn or error");
        return Ordered.SkipWhile(l => l != normalized).ToList();
    }
}
