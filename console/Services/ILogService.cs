using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

public interface ILogService
{
    /// <summary>Streams a container's log in batches. With follow, survives agent reconnects: it resumes from the last
    /// timestamp seen, so no line is lost or repeated. Ends when the container's log ends (no follow) or on cancel.</summary>
    IAsyncEnumerable<IReadOnlyList<LogLine>> StreamAsync(string server, LogStreamRequest request, CancellationToken ct = default);
}
