using System.Text.Json;
using System.Threading.Channels;

namespace Monitor.Agent.Dispatch;

/// <summary>What a stream handler writes to: each <see cref="WriteAsync"/> becomes one <c>stream</c> frame
/// (callers batch many lines per item). <see cref="Input"/> yields the payloads of <c>stream.input</c> frames.</summary>
public interface IStreamWriter<TItem>
{
    ValueTask WriteAsync(TItem item, CancellationToken ct);

    ChannelReader<JsonElement> Input { get; }
}
