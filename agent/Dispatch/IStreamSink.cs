using System.Text.Json;
using System.Threading.Channels;

namespace Monitor.Agent.Dispatch;

/// <summary>The connection's side of an open stream: sends data frames with the next sequence number.</summary>
internal interface IStreamSink
{
    ValueTask SendDataAsync(JsonElement payload, CancellationToken ct);
    ChannelReader<JsonElement> Input { get; }
}
