using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Dispatch;

/// <summary>Reads protocol payloads through the source-generated metadata in <see cref="ProtocolJson.Options"/>
/// (its JsonTypeInfo, not the options overload), so the NativeAOT agent has no reflection-based JSON path.</summary>
public static class ProtocolTypeInfo
{
    public static JsonTypeInfo<T> Of<T>() => (JsonTypeInfo<T>)ProtocolJson.Options.GetTypeInfo(typeof(T));

    public static T? Deserialize<T>(JsonElement element) => element.Deserialize(Of<T>());
}
