using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Monitor.Shared.Protocol;

/// <summary>The one set of JSON options both sides use for frames and payloads.</summary>
public static class ProtocolJson
{
    /// <summary>One source-generated context per area; an area adds its line here (each line ends with a comma,
    /// so concurrent additions merge as plain line unions).</summary>
    private static readonly IJsonTypeInfoResolver[] Contexts =
    [
        ProtocolJsonContext.Default,
        StackJsonContext.Default,
        DockerJsonContext.Default,
        WatchJsonContext.Default,
        RouteJsonContext.Default,
        AppJsonContext.Default,
        LogFileJsonContext.Default,
        FleetJsonContext.Default,
        VolumeJsonContext.Default,
        UpgradeJsonContext.Default,
        LogShippingJsonContext.Default,
    ];

    public static readonly JsonSerializerOptions Options = new(ProtocolJsonContext.Default.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(Contexts),
    };

    static ProtocolJson() => Options.MakeReadOnly();

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    public static T? FromElement<T>(JsonElement? element) =>
        element is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } e
            ? e.Deserialize<T>(Options)
            : default;
}
