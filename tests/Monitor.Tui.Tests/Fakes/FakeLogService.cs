using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Tui.Tests.Fakes;

/// <summary>Log streams fed by the test: <see cref="Write"/> pushes a batch to whoever follows that container.</summary>
public sealed class FakeLogService : ILogService
{
    private readonly ConcurrentDictionary<string, Channel<IReadOnlyList<LogLine>>> _channels = new();

    public ConcurrentQueue<LogStreamRequest> Requests { get; } = new();

    public void Write(string container, params (string Stream, string Text)[] lines) =>
        Channel(container).Writer.TryWrite(lines.Select((l, i) =>
            new LogLine(DateTimeOffset.UtcNow.AddTicks(i).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ"), l.Stream, l.Text)).ToList());

    public async IAsyncEnumerable<IReadOnlyList<LogLine>> StreamAsync(string server, LogStreamRequest request,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        Requests.Enqueue(request);
        await foreach (var batch in Channel(request.Container).Reader.ReadAllAsync(ct)) yield return batch;
    }

    private Channel<IReadOnlyList<LogLine>> Channel(string container) =>
        _channels.GetOrAdd(container, _ => System.Threading.Channels.Channel.CreateUnbounded<IReadOnlyList<LogLine>>());
}
