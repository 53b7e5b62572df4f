using System.Text.Json;
using System.Threading.Channels;

namespace Monitor.Agent.Dispatch;

/// <summary>Writes the items of one open stream; each call is one stream frame (callers batch).</summary>
public interface IStreamWriter<TItem>
{
    ValueTask WriteAsync(TItem item, CancellationToken ct);

    /// <summary>Payloads of stream.input frames the console sent for this stream.</summary>
    ChannelReader<JsonElement> Input { get; }
}
