using System.Text.Json.Serialization;

namespace Monitor.Shared.Protocol;

/// <summary>Source-generated JSON for the log shipping methods; same options as <see cref="ProtocolJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AppLogShipRequest))]
[JsonSerializable(typeof(LogFileBatch))]
[JsonSerializable(typeof(LogStreamEnd))]
public sealed partial class LogShippingJsonContext : JsonSerializerContext;
