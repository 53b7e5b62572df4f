using Monitor.Control.Tui.Contexts;
using Monitor.Control.Tui.Input;
using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Panes;

/// <summary>One pane: its view, its keys (declared next to their handlers), and how it refreshes and filters.</summary>
public interface IPaneController
{
    PaneId Id { get; }
    string Title { get; }
    View View { get; }
    KeyBindingTable Bindings { get; }
    /// <summary>Reloads from the services (off the UI thread) and applies the result on the UI thread.</summary>
    Task RefreshAsync(CancellationToken ct);
    /// <summary>The <c>/</c> filter of this pane.</summary>
    string Filter { get; }
    void SetFilter(string text);
    /// <summary>A <c>:</c> jump argument addressed to this pane (a name, a history filter...).</summary>
    void Jump(string argument);
}
