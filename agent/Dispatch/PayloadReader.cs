using System.Text.Json;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Dispatch;

internal static class PayloadReader
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Reads a request payload; a missing payload reads as "{}" so parameterless requests need none.</summary>
    public static T Read<T>(string method, JsonElement? payload)
    {
        var element = payload is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } p ? p : EmptyObject;
        try
        {
            return ProtocolTypeInfo.Deserialize<T>(element)
                   ?? throw new AgentRequestException(ErrorCodes.InvalidArgument, $"{method}: the payload is empty; send the request's fields as a JSON object");
        }
        catch (JsonException ex)
        {
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"{method}: the payload does not match the request type ({ex.Message})");
        }
    }
}
