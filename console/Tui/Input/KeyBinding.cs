namespace Monitor.Control.Tui.Input;

/// <summary>One key of a pane, declared next to the handler it runs. <see cref="Key"/> is a display token such as
/// "r", "Enter", "Ctrl+S" or "?"; help and the status bar are generated from these records.</summary>
public sealed record KeyBinding(string Key, string Description, Action Handler, bool ChangesState = false, bool InStatusBar = true);
