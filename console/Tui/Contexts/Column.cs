namespace Monitor.Control.Tui.Contexts;

/// <summary>A column of a list pane: header, width in cells (0 = take the rest), text and sort key of a row.</summary>
public sealed record Column<T>(string Header, int Width, Func<T, string> Text, Func<T, IComparable?>? SortKey = null)
{
    public IComparable? KeyOf(T item) => SortKey is null ? Text(item) : SortKey(item);
}
