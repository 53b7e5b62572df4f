using System.Text.Json;
using System.Threading.Channels;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Dispatch;

internal sealed class RegisteredStream<TReq, TItem, TEnd>(
    StreamMethod<TReq, TItem, TEnd> method, Func<TReq, IStreamWriter<TItem>, CancellationToken, Task<TEnd>> handler)
    : RegisteredMethod(method)
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public override object ParsePayload(JsonElement? payload) => PayloadReader.Read<TReq>(Name, payload)!;

    public override async Task RunAsync(string id, object request, IRequestChannel channel, ChannelReader<JsonElement> input, CancellationToken ct)
    {
        await channel.SendAsync(new Envelope { Type = FrameTypes.Response, Id = id, Payload = EmptyObject }, ct).ConfigureAwait(false);
        var writer = new StreamWriter<TItem>(id, channel, input);
        TEnd end;
        try
        {
            end = await handler((TReq)request, writer, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw new StreamFailedException(writer.NextSeq, ex);
        }
        await channel.SendAsync(FrameCodec.StreamEnd(id, writer.NextSeq, end), ct).ConfigureAwait(false);
    }
}
