using System.Text.RegularExpressions;

namespace Monitor.Tui.Tests.EndToEnd;

/// <summary>Reads parts of a captured tmux screen: the header line, the status line, numbered log lines.</summary>
internal static class ScreenText
{
    public static string Header(string screen) => Lines(screen).FirstOrDefault()?.Trim() ?? "";

    public static string StatusLine(string screen) => Lines(screen).LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";

    /// <summary>True when the header names <paramref name="pane"/> as the focused pane (its last field).</summary>
    public static bool Focused(string screen, string pane) => Header(screen).EndsWith("│ " + pane, StringComparison.Ordinal);

    /// <summary>The numbers N of every "&lt;prefix&gt;N" on screen, top to bottom.</summary>
    public static IReadOnlyList<int> Numbers(string screen, string prefix) =>
        Regex.Matches(screen, Regex.Escape(prefix) + @"(\d+)").Select(m => int.Parse(m.Groups[1].Value)).ToList();

    private static string[] Lines(string screen) => screen.Replace("\r", "").Split('\n');
}
