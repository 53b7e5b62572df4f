using System.Text.Json;
using System.Threading.Channels;

namespace Monitor.Agent.Connection;

/// <summary>A request or stream in flight: its cancellation (console cancel, timeout, disconnect) and its input.</summary>
internal sealed class RunningOperation(string id, CancellationToken connection) : IDisposable
{
    private readonly CancellationTokenSource _cts = CancellationTokenSource.CreateLinkedTokenSource(connection);
    public string Id { get; } = id;
    public CancellationToken Token => _cts.Token;
    public bool CancelledByConsole { get; private set; }
    public Channel<JsonElement> Input { get; } = Channel.CreateBounded<JsonElement>(256);

    public void Cancel()
    {
        CancelledByConsole = true;
        try { _cts.Cancel(); } catch (ObjectDisposedException) { }
    }

    public void CancelAfter(TimeSpan delay) => _cts.CancelAfter(delay);

    public void Dispose()
    {
        Input.Writer.TryComplete();
        _cts.Dispose();
    }
}
