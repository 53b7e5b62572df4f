namespace Monitor.Shared.Protocol;

/// <summary>Opens a log stream. <paramref name="Since"/> is an RFC 3339 timestamp with nanoseconds
/// (as Docker prints them) or unix seconds[.nanos]; when resuming, lines at or before it are dropped so
/// nothing repeats. <paramref name="Tail"/> null means all lines. <paramref name="Packed"/>: the console reads
/// the packed batch shape (<see cref="LogBatchConverter"/>); an older console leaves it out and gets the plain one.</summary>
public sealed record LogStreamRequest(
    string Container,
    bool Follow = false,
    int? Tail = null,
    string? Since = null,
    bool Timestamps = true,
    bool? Packed = null);

/// <summary>One log line. <paramref name="Timestamp"/> is Docker's RFC 3339 nano timestamp string (kept as text
/// so it round-trips exactly for resume); <paramref name="Stream"/> is "stdout" or "stderr".</summary>
public sealed record LogLine(string Timestamp, string Stream, string Text);

/// <summary>Many lines per frame: throughput does not depend on frame count. <see cref="Packed"/> (not itself on the
/// wire) sends it in the packed shape.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(LogBatchConverter))]
public sealed record LogBatch(IReadOnlyList<LogLine> Lines)
{
    public bool Packed { get; init; }
}

public sealed record LogStreamEnd(string Reason, string? LastTimestamp);
