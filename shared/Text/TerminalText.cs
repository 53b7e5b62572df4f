using System.Globalization;
using System.Text;

namespace Monitor.Shared.Text;

/// <summary>Makes text that came from outside (names, container output, webhook headers) safe to print on a terminal
/// or in a log line: control characters (C0, DEL, C1), bidi overrides and line/paragraph separators are shown as
/// visible escapes (<c>\n</c>, <c>\x1B</c>, <c>\u202E</c>), so a value can neither forge a line nor move the cursor,
/// change the window title or reorder text. Cuts long values for tables with an ellipsis.</summary>
public static class TerminalText
{
    public const string Ellipsis = "…";

    /// <summary>True when <paramref name="text"/> holds a character that <see cref="Escape"/> would rewrite.</summary>
    public static bool HasControl(string? text)
    {
        if (text is null) return false;
        foreach (var c in text)
            if (IsUnsafe(c)) return true;
        return false;
    }

    /// <summary>The text with every unsafe character written as a visible escape; plain text comes back as is.</summary>
    public static string Escape(string? text) => Escape(text, keepLines: false);

    private static string Escape(string? text, bool keepLines)
    {
        if (string.IsNullOrEmpty(text) || !HasControl(text)) return text ?? "";
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (keepLines && c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            if (!IsUnsafe(c) || (keepLines && c is '\n' or '\t')) { builder.Append(c); continue; }
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                < '\u0100' => "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }
        return builder.ToString();
    }

    /// <summary>Escapes, then cuts to at most <paramref name="max"/> characters ending in an ellipsis (for table cells).</summary>
    public static string Cell(string? text, int max = 64)
    {
        var escaped = Escape(text);
        if (max < 2 || escaped.Length <= max) return escaped;
        var cut = max - 1;
        if (char.IsHighSurrogate(escaped[cut - 1])) cut--; // never split a surrogate pair
        return escaped[..cut] + Ellipsis;
    }

    /// <summary>Escapes each line of multi-line output but keeps its line breaks (and tabs), for output panes and logs
    /// that show several lines on purpose.</summary>
    public static string EscapeKeepingLines(string? text) => Escape(text, keepLines: true);

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) // C0, DEL and C1 (0x80-0x9F, which includes the 8-bit CSI 0x9B)
        || c is '\u2028' or '\u2029' // line and paragraph separators
        || c is >= '\u202A' and <= '\u202E' // bidi embeddings and overrides
        || c is >= '\u2066' and <= '\u2069'; // bidi isolates
}
