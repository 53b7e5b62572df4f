using System.Text.RegularExpressions;

namespace Monitor.Control.LogSearch;

/// <summary>One <c>keep</c> entry of [logs]: a container name, <c>app:NAME</c>, <c>logfile:PATTERN</c> (glob over the
/// file's path or name, * and ?) or <c>stack:NAME</c>.</summary>
public sealed partial record LogKeepEntry(LogKeepKind Kind, string Value)
{
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex NamePattern();

    /// <summary>Parses an entry or throws <see cref="FormatException"/> saying what is wrong and how to write it.</summary>
    public static LogKeepEntry Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var (kind, value) = colon < 0 ? (LogKeepKind.Container, text) : (text[..colon] switch
        {
            "app" => LogKeepKind.App,
            "logfile" => LogKeepKind.LogFile,
            "stack" => LogKeepKind.Stack,
            "container" => LogKeepKind.Container,
            var other => throw new FormatException($"'{text}': unknown kind '{other}:'; write a container name, app:NAME, logfile:PATTERN or stack:NAME"),
        }, text[(colon + 1)..]);
        if (kind == LogKeepKind.LogFile)
        {
            if (value.Length == 0 || value.Contains("..", StringComparison.Ordinal))
                throw new FormatException($"'{text}': logfile: needs a file pattern without '..' (e.g. logfile:/tmp/demo_log_*)");
        }
        else if (!NamePattern().IsMatch(value))
            throw new FormatException($"'{text}': '{value}' is not a valid name (letters, digits, '_', '.', '-'; starting with a letter or digit)");
        return new LogKeepEntry(kind, value);
    }

    public override string ToString() => Kind switch
    {
        LogKeepKind.App => "app:" + Value,
        LogKeepKind.LogFile => "logfile:" + Value,
        LogKeepKind.Stack => "stack:" + Value,
        _ => Value,
    };
}
