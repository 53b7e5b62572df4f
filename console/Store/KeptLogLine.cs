namespace Monitor.Control.Store;

/// <summary>One kept log line. <paramref name="Source"/> names what it came from: a container name, <c>app:NAME</c> or
/// <c>logfile:PATH</c>; <paramref name="Stack"/> is the container's stack (label) when it has one; <paramref name="Level"/>
/// is debug, info, warn or error (from the log file, or guessed from the text), or null. <paramref name="Id"/> is
/// assigned by the store (ignored on append) and grows with arrival order.</summary>
public sealed record KeptLogLine(long Id, string Server, string Source, string? Stack, DateTimeOffset At, string? Level, string? Stream, string Message);
