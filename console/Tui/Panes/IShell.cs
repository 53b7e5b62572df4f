using Monitor.Control.Composition;
using Monitor.Control.Tui.Contexts;

namespace Monitor.Control.Tui.Panes;

/// <summary>What pane controllers may ask of the main window: services, modal prompts, messages, focus changes and
/// running work off the UI thread with results applied on it.</summary>
public interface IShell
{
    MonitorServices Services { get; }
    TuiOptions Options { get; }
    /// <summary>Asks a yes/no question; <paramref name="onYes"/> runs on the UI thread after "y".</summary>
    void Confirm(string question, Action onYes);
    /// <summary>Reads one line of text on the prompt line; <paramref name="onSubmit"/> runs on Enter (Esc cancels).</summary>
    void Prompt(string label, string initial, Action<string> onSubmit);
    void ShowText(string title, IReadOnlyList<string> lines);
    /// <summary>Like <see cref="ShowText(string, IReadOnlyList{string})"/>; keys go to <paramref name="keys"/> first (true = handled).</summary>
    void ShowText(string title, IReadOnlyList<string> lines, Func<string, bool> keys) => ShowText(title, lines);
    /// <summary>Shows a message on the status line (errors say what failed, why, and what to do).</summary>
    void SetMessage(string message, bool error = false);
    void Focus(PaneId pane);
    void Redraw();
    /// <summary>Redraws the header line only (its counts changed).</summary>
    void RedrawHeader() => Redraw();
    /// <summary>Runs <paramref name="work"/> in the background; exceptions become a status message naming <paramref name="what"/>.</summary>
    void RunBackground(string what, Func<CancellationToken, Task> work);
    /// <summary>Runs <paramref name="action"/> on the UI thread.</summary>
    void Post(Action action);
    /// <summary>Hands the terminal to an interactive shell in a container; the TUI comes back when it ends.</summary>
    void RequestExec(string server, string container) => SetMessage("exec is not available here", error: true);
    /// <summary>The role this console's key has on <paramref name="server"/> (from the Servers pane's last refresh); null: not known.</summary>
    Monitor.Shared.Protocol.AgentRole? KeyRoleOn(string server) => null;
}
