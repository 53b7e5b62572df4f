using System.Text.Json.Serialization;

namespace Monitor.Shared.Protocol;

/// <summary>Source-generated JSON for the Docker views (AgentMethods.Docker.cs); same options as <see cref="ProtocolJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ContainerTopRequest))]
[JsonSerializable(typeof(ContainerTop))]
[JsonSerializable(typeof(DockerEventsRequest))]
[JsonSerializable(typeof(DockerEventBatch))]
[JsonSerializable(typeof(DockerEventsEnd))]
[JsonSerializable(typeof(DockerDiskUsageRequest))]
[JsonSerializable(typeof(DockerDiskUsage))]
[JsonSerializable(typeof(ImageListRequest))]
[JsonSerializable(typeof(ImageListResponse))]
[JsonSerializable(typeof(ImageRemoveRequest))]
[JsonSerializable(typeof(ImageRemoveResult))]
[JsonSerializable(typeof(PruneRequest))]
[JsonSerializable(typeof(PruneResult))]
[JsonSerializable(typeof(VolumeListRequest))]
[JsonSerializable(typeof(VolumeListResponse))]
[JsonSerializable(typeof(VolumeRef))]
[JsonSerializable(typeof(VolumeDetails))]
[JsonSerializable(typeof(VolumeRemoveRequest))]
[JsonSerializable(typeof(VolumeRemoveResult))]
[JsonSerializable(typeof(NetworkListRequest))]
[JsonSerializable(typeof(NetworkListResponse))]
public sealed partial class DockerJsonContext : JsonSerializerContext;
