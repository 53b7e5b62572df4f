namespace Monitor.Control.Tui.Contexts;

public enum StackOperation { Deploy, Build, Pull }
