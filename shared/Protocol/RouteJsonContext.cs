using System.Text.Json.Serialization;

namespace Monitor.Shared.Protocol;

/// <summary>Source-generated JSON for the route and target-deploy methods; same options as <see cref="ProtocolJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(RouteApplyRequest))]
[JsonSerializable(typeof(RouteApplyResult))]
[JsonSerializable(typeof(RouteListRequest))]
[JsonSerializable(typeof(RouteListResult))]
[JsonSerializable(typeof(TargetDeployRequest))]
[JsonSerializable(typeof(TargetDeployProgress))]
[JsonSerializable(typeof(TargetDeployResult))]
public sealed partial class RouteJsonContext : JsonSerializerContext;
