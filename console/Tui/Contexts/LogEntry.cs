using Monitor.Shared.Protocol;

namespace Monitor.Control.Tui.Contexts;

/// <summary>A log line in the pane's buffer: its sequence number (never reused), where it came from, and the line.</summary>
public readonly record struct LogEntry(long Seq, string Source, LogLine Line)
{
    public bool IsStderr => Line.Stream == "stderr";
}
