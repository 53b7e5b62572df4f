using System.Text.Json.Serialization;

namespace Monitor.Shared.Protocol;

/// <summary>Source-generated JSON for the watch methods; same options as <see cref="ProtocolJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(WatchRequest))]
[JsonSerializable(typeof(WatchSample))]
[JsonSerializable(typeof(WatchEnd))]
[JsonSerializable(typeof(HostTopRequest))]
[JsonSerializable(typeof(HostTopResult))]
public sealed partial class WatchJsonContext : JsonSerializerContext;
