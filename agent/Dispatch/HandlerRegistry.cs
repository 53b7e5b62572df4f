using System.Text.Json;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Dispatch;

/// <summary>Maps method names to handlers. Each area registers its methods in a static Register method.</summary>
public sealed class HandlerRegistry
{
    private readonly Dictionary<string, RegisteredHandler> _handlers = new(StringComparer.Ordinal);

    public void Request<TReq, TRes>(string method, Func<TReq, CancellationToken, Task<TRes>> handler, TimeSpan? timeout = null) =>
        _handlers[method] = new RegisteredHandler(method, false, timeout,
            async (payload, _, ct) => ProtocolJson.ToElement(await handler(ParsePayload<TReq>(method, payload), ct).ConfigureAwait(false)));

    public void Stream<TReq, TItem, TEnd>(string method, Func<TReq, IStreamWriter<TItem>, CancellationToken, Task<TEnd>> handler, TimeSpan? timeout = null) =>
        _handlers[method] = new RegisteredHandler(method, true, timeout,
            async (payload, sink, ct) =>
            {
                var writer = new StreamWriter<TItem>(sink ?? throw new InvalidOperationException("stream handler without a sink"));
                return ProtocolJson.ToElement(await handler(ParsePayload<TReq>(method, payload), writer, ct).ConfigureAwait(false));
            });

    internal RegisteredHandler? Find(string method) => _handlers.GetValueOrDefault(method);

    public IReadOnlyCollection<string> Methods => _handlers.Keys;

    private static T ParsePayload<T>(string method, JsonElement? payload)
    {
        try
        {
            var value = payload is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } element
                ? element.Deserialize<T>(ProtocolJson.Options)
                : JsonSerializer.Deserialize<T>("{}", ProtocolJson.Options);
            return value ?? throw new AgentRequestException(ErrorCodes.InvalidArgument, $"{method}: payload is required");
        }
        catch (JsonException ex)
        {
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"{method}: payload does not match the request type: {ex.Message}");
        }
    }
}
