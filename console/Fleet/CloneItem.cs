namespace Monitor.Control.Fleet;

/// <summary>One deployed part of a clone: a stack or a container, and how it went.</summary>
public sealed record CloneItem(string Kind, string Name, bool Ok, string Message);
