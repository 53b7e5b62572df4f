namespace Monitor.Control.Tui.Contexts;

/// <summary>One screen row of the log pane: its text, whether it came from stderr, and search matches to highlight.</summary>
public sealed record LogViewRow(string Text, bool Stderr, IReadOnlyList<(int Start, int Length)> Highlights);
