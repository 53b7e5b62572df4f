using System.Text.Json;
using System.Threading.Channels;

namespace Monitor.Agent.Dispatch;

/// <summary>A request being handled: its cancel switch and, for streams, the console's stream.input frames.</summary>
internal sealed class InFlightRequest(bool isStream) : IDisposable
{
    public bool IsStream { get; } = isStream;
    public CancellationTokenSource Cancel { get; } = new();
    public Channel<JsonElement> Input { get; } = Channel.CreateUnbounded<JsonElement>(new UnboundedChannelOptions { SingleReader = true });

    public void Dispose()
    {
        Input.Writer.TryComplete();
        Cancel.Dispose();
    }
}
