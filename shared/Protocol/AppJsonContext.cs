using System.Text.Json.Serialization;

namespace Monitor.Shared.Protocol;

/// <summary>Source-generated JSON for the app methods; same options as <see cref="ProtocolJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AppSpec))]
[JsonSerializable(typeof(AppRef))]
[JsonSerializable(typeof(AppListRequest))]
[JsonSerializable(typeof(AppStatus))]
[JsonSerializable(typeof(AppListResponse))]
[JsonSerializable(typeof(AppDetails))]
[JsonSerializable(typeof(AppApplyRequest))]
[JsonSerializable(typeof(AppApplyResult))]
[JsonSerializable(typeof(AppLogRequest))]
[JsonSerializable(typeof(LogBatch))]
[JsonSerializable(typeof(LogStreamEnd))]
public sealed partial class AppJsonContext : JsonSerializerContext;
