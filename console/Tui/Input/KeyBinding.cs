namespace Monitor.Control.Tui.Input;

/// <summary>One key of a pane, declared next to the handler it runs. <see cref="Key"/> is a display token such as
/// "r", "Enter", "Ctrl+S" or "?"; help and the status bar are generated from these records.</summary>
/// <see cref="Needs"/>: the least agent role the key's action needs on the selected server (null: none, console-only).
public sealed record KeyBinding(string Key, string Description, Action Handler, bool ChangesState = false, bool InStatusBar = true, Monitor.Shared.Protocol.AgentRole? Needs = null);
