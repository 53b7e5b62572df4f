using Monitor.Control.Alerts;

namespace Monitor.Control.Tui.Contexts;

/// <summary>The text of the Alerts view: one row per open alert (severity, since, server/subject, rule, message).</summary>
public static class AlertText
{
    public static IReadOnlyList<string> Lines(IReadOnlyList<AlertRecord> open, DateTimeOffset now)
    {
        if (open.Count == 0) return ["", "  No open alerts.", "", "  s = silence a server"];
        var lines = new List<string> { $"  {"SEVERITY",-9} {"SINCE",-9} {"WHERE",-30} RULE", "      MESSAGE" };
        foreach (var a in open.OrderByDescending(a => a.Severity).ThenBy(a => a.Opened))
        {
            var where = a.Subject.Length == 0 ? a.Server : $"{a.Server}/{a.Subject}";
            var severity = a.Severity.ToString().ToLowerInvariant() + (a.Silenced ? "*" : "");
            lines.Add($"  {severity,-9} {Format.Duration(now - a.Opened),-9} {Cut(where, 30),-30} {a.Rule}");
            lines.Add($"      {a.Message}");
        }
        lines.Add("");
        lines.Add("  s = silence a server (alerts still open and are recorded; nobody is notified)" + (open.Any(a => a.Silenced) ? "   * = silenced" : ""));
        return lines;
    }

    /// <summary>The header's count (first in the header, so it shows at 80 columns): " │ ALERTS: 2 open (1 critical)"; nothing when none is open.</summary>
    public static string Header(IReadOnlyList<AlertRecord>? open)
    {
        if (open is null) return "";
        if (open.Count == 0) return "";
        var critical = open.Count(a => a.Severity == AlertSeverity.Critical);
        return $" │ ALERTS: {open.Count} open{(critical > 0 ? $" ({critical} critical)" : "")}";
    }

    private static string Cut(string s, int n) => s.Length > n ? s[..(n - 1)] + "…" : s;
}
