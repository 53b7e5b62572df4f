using System.Globalization;
using System.Text;

namespace Monitor.LogWriter;

/// <summary>The app log file format, version 1 (documented in the README):
/// header  <c>#monitor-log/1 TAB program TAB pid TAB user TAB start</c>;
/// entry   <c>timestamp TAB LEVEL TAB message</c>, one per line, where the message escapes <c>\</c> as <c>\\</c>,
/// newline as <c>\n</c>, carriage return as <c>\r</c> and tab as <c>\t</c>. Timestamps are UTC RFC 3339 with 7 fraction
/// digits and a Z, so they sort as text.</summary>
public static class LogFileFormat
{
    public const string Magic = "#monitor-log/1";
    public const int Version = 1;

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string Header(string program, int pid, string user, DateTimeOffset start) =>
        string.Join('\t', Magic, Escape(program), pid.ToString(CultureInfo.InvariantCulture), Escape(user), Timestamp(start));

    public static string Entry(DateTimeOffset time, LogLevel level, string message) =>
        string.Join('\t', Timestamp(time), level.ToString().ToUpperInvariant(), Escape(message));

    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("\\\n\r\t") < 0) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
            sb.Append(ch switch { '\\' => "\\\\", '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => ch.ToString() });
        return sb.ToString();
    }

    public static string Unescape(string text)
    {
        if (!text.Contains('\\')) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length) { sb.Append(text[i]); continue; }
            var next = text[++i];
            sb.Append(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', _ => next });
        }
        return sb.ToString();
    }
}
