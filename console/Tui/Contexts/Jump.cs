namespace Monitor.Control.Tui.Contexts;

/// <summary>What a <c>:</c> command asks for: focus a pane, optionally with an argument (a server, a stack, a history
/// filter), or quit. <see cref="Error"/> is set when the command was not understood.</summary>
public sealed record Jump(PaneId? Pane, string? Argument = null, bool Quit = false, string? Error = null);
