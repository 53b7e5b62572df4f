namespace Monitor.Control.Tui.Contexts;

/// <summary>One build of the Servers pane's rows (servers, then devices): immutable, handed to the UI thread whole.
/// <paramref name="Changed"/>: rows that are new objects since the previous build (the others are the same objects).</summary>
public sealed record ServerRowSet(ServerRow[] Rows, int Online, int Total, int Changed);
