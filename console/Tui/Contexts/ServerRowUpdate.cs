namespace Monitor.Control.Tui.Contexts;

/// <summary>Rows built off the UI thread, ready to swap in: the whole set, the rows the list shows (already
/// filtered and sorted) and the arrangement they were arranged for (stale if the operator changed it meanwhile).</summary>
public sealed record ServerRowUpdate(ServerRowSet Set, IReadOnlyList<ServerRow> Visible, ListArrangement ArrangedFor);
