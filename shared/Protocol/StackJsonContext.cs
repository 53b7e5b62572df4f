using System.Text.Json.Serialization;

namespace Monitor.Shared.Protocol;

/// <summary>Source-generated JSON for the stack methods; same options as <see cref="ProtocolJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(GitSyncRequest))]
[JsonSerializable(typeof(GitSyncResult))]
[JsonSerializable(typeof(ImageBuildRequest))]
[JsonSerializable(typeof(ImageBuildResult))]
[JsonSerializable(typeof(ImageTagRequest))]
[JsonSerializable(typeof(ImageRefResult))]
[JsonSerializable(typeof(ImageTransferRequest))]
[JsonSerializable(typeof(ContainerRunSpec))]
[JsonSerializable(typeof(ContainerRunResult))]
[JsonSerializable(typeof(ContainerWaitRequest))]
[JsonSerializable(typeof(ContainerWaitResult))]
[JsonSerializable(typeof(ComposeRequest))]
[JsonSerializable(typeof(ComposeResult))]
[JsonSerializable(typeof(ComposePsResult))]
public sealed partial class StackJsonContext : JsonSerializerContext;
