namespace Monitor.Shared.Protocol;

/// <summary>Opens a log stream. <paramref name="Since"/> is an RFC 3339 timestamp with nanoseconds
/// (as Docker prints them) or unix seconds[.nanos]; when resuming, lines at or before it are dropped so
/// nothing repeats. <paramref name="Tail"/> null means all lines.</summary>
public sealed record LogStreamRequest(
    string Container,
    bool Follow = false,
    int? Tail = null,
    string? Since = null,
    bool Timestamps = true);

/// <summary>One log line. <paramref name="Timestamp"/> is Docker's RFC 3339 nano timestamp string (kept as text
/// so it round-trips exactly for resume); <paramref name="Stream"/> is "stdout" or "stderr".</summary>
public sealed record LogLine(string Timestamp, string Stream, string Text);

/// <summary>Many lines per frame: throughput does not depend on frame count.</summary>
public sealed record LogBatch(IReadOnlyList<LogLine> Lines);

public sealed record LogStreamEnd(string Reason, string? LastTimestamp);
