using Monitor.Control.Tui.Contexts;
using Monitor.Control.Tui.Input;

namespace Monitor.Control.Tui.Panes;

/// <summary>Cursor keys shared by every list pane (not shown in the status bar, listed in help).</summary>
public static class ListPaneBindings
{
    public static KeyBindingTable AddNavigation<T>(this KeyBindingTable table, ListContext<T> list, Action redraw, bool sortable = true)
    {
        if (sortable)
        {
            table.Add("o", "Sort by next column", () => { list.CycleSortColumn(); redraw(); }, inStatusBar: false);
            table.Add("O", "Reverse sort", () => { list.ToggleSortOrder(); redraw(); }, inStatusBar: false);
        }
        table.Add("Up", "Previous row", () => { list.Move(-1); redraw(); }, inStatusBar: false);
        table.Add("Down", "Next row", () => { list.Move(1); redraw(); }, inStatusBar: false);
        table.Add("k", "Previous row", () => { list.Move(-1); redraw(); }, inStatusBar: false);
        table.Add("j", "Next row", () => { list.Move(1); redraw(); }, inStatusBar: false);
        table.Add("PageUp", "Page up", () => { list.Move(-10); redraw(); }, inStatusBar: false);
        table.Add("PageDown", "Page down", () => { list.Move(10); redraw(); }, inStatusBar: false);
        table.Add("Home", "First row", () => { list.Select(0); redraw(); }, inStatusBar: false);
        table.Add("End", "Last row", () => { list.Select(int.MaxValue); redraw(); }, inStatusBar: false);
        return table;
    }
}
