namespace Monitor.Control.Tui.Contexts;

public enum PaneId { Servers, Stacks, Containers, Logs, History, Search }
