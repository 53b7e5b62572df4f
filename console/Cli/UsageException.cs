namespace Monitor.Control.Cli;

/// <summary>An argument is well-formed for the parser but wrong (bad time, bad sort field...).</summary>
public sealed class UsageException(string message) : Exception(message);
