namespace Monitor.Control.Cli;

/// <summary>A state-changing verb was asked for under --read-only.</summary>
public sealed class ReadOnlyRefusedException(string message) : Exception(message);
