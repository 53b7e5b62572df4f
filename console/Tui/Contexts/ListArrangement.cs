namespace Monitor.Control.Tui.Contexts;

/// <summary>How a list pane shows its items: text filter (empty: all), sort column (null: natural order) and order.
/// Immutable: a list's arrangement is replaced when the operator changes it, so work arranged for an older one is
/// recognised by reference.</summary>
public sealed record ListArrangement(string Filter, int? SortColumn, bool SortDescending)
{
    public static readonly ListArrangement Natural = new("", null, false);
}
