using System.Text.Json;
using System.Threading.Channels;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Dispatch;

internal sealed class RegisteredRequest<TReq, TRes>(RequestMethod<TReq, TRes> method, Func<TReq, CancellationToken, Task<TRes>> handler)
    : RegisteredMethod(method)
{
    public override object ParsePayload(JsonElement? payload) => PayloadReader.Read<TReq>(Name, payload)!;

    public override async Task RunAsync(string id, object request, IRequestChannel channel, ChannelReader<JsonElement> input, CancellationToken ct)
    {
        var result = await handler((TReq)request, ct).ConfigureAwait(false);
        await channel.SendAsync(FrameCodec.Response(id, result), ct).ConfigureAwait(false);
    }
}
