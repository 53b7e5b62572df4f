using System.Text.Json.Serialization;

namespace Monitor.Shared.Protocol;

/// <summary>Source-generated JSON for the fleet methods (keys, host shell, upgrade, volumes); same options as <see cref="ProtocolJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(KeyListRequest))]
[JsonSerializable(typeof(KeyListResult))]
[JsonSerializable(typeof(KeyAddRequest))]
[JsonSerializable(typeof(KeyRemoveRequest))]
[JsonSerializable(typeof(KeyChangeResult))]
[JsonSerializable(typeof(HostShellRequest))]
public sealed partial class FleetJsonContext : JsonSerializerContext;
