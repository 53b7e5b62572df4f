using System.Text.Json.Serialization;

namespace Monitor.Shared.Protocol;

/// <summary>Source-generated JSON for the disks and volumes methods; same options as <see cref="ProtocolJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(DisksRequest))]
[JsonSerializable(typeof(DisksResult))]
[JsonSerializable(typeof(VolumeFormatRequest))]
[JsonSerializable(typeof(VolumeMountRequest))]
[JsonSerializable(typeof(VolumeUnmountRequest))]
[JsonSerializable(typeof(VolumeResult))]
public sealed partial class VolumeJsonContext : JsonSerializerContext;
