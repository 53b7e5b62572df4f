using System.Text.Json.Serialization;

namespace Monitor.Shared.Protocol;

/// <summary>Source-generated JSON for the agent upgrade methods; same options as <see cref="ProtocolJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(UpgradeBeginRequest))]
[JsonSerializable(typeof(UpgradeBeginResult))]
[JsonSerializable(typeof(UpgradeChunkRequest))]
[JsonSerializable(typeof(UpgradeChunkResult))]
[JsonSerializable(typeof(UpgradeCommitRequest))]
[JsonSerializable(typeof(UpgradeCommitResult))]
public sealed partial class UpgradeJsonContext : JsonSerializerContext;
