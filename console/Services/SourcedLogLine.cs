using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

/// <summary>A log line and the container it came from, for merged logs of several containers.</summary>
public sealed record SourcedLogLine(string Source, LogLine Line);
