using System.Text.Json.Serialization;

namespace Monitor.Shared.Protocol;

/// <summary>Source-generated JSON for the app log file methods; same options as <see cref="ProtocolJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(LogFileListRequest))]
[JsonSerializable(typeof(LogFileListResponse))]
[JsonSerializable(typeof(LogFileReadRequest))]
[JsonSerializable(typeof(LogFileBatch))]
[JsonSerializable(typeof(LogStreamEnd))]
public sealed partial class LogFileJsonContext : JsonSerializerContext;
