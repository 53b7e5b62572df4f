using System.Text.Json;
using System.Threading.Channels;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Dispatch;

internal sealed class StreamWriter<TItem>(IStreamSink sink) : IStreamWriter<TItem>
{
    public ValueTask WriteAsync(TItem item, CancellationToken ct) => sink.SendDataAsync(ProtocolJson.ToElement(item), ct);
    public ChannelReader<JsonElement> Input => sink.Input;
}
