using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Shared.Protocol;

/// <summary>Source-generated JSON for the foundation protocol. Other areas add their own context to
/// <see cref="ProtocolJson.Options"/> (one line there) instead of growing this one.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Envelope))]
[JsonSerializable(typeof(ProtocolError))]
[JsonSerializable(typeof(HelloPayload))]
[JsonSerializable(typeof(AuthPayload))]
[JsonSerializable(typeof(AuthOkPayload))]
[JsonSerializable(typeof(AgentInfoRequest))]
[JsonSerializable(typeof(AgentInfo))]
[JsonSerializable(typeof(HostMetricsRequest))]
[JsonSerializable(typeof(HostMetrics))]
[JsonSerializable(typeof(ContainerListRequest))]
[JsonSerializable(typeof(ContainerListResponse))]
[JsonSerializable(typeof(ContainerRef))]
[JsonSerializable(typeof(ContainerStopRequest))]
[JsonSerializable(typeof(ContainerRemoveRequest))]
[JsonSerializable(typeof(ContainerActionResult))]
[JsonSerializable(typeof(ContainerDetails))]
[JsonSerializable(typeof(ContainerStats))]
[JsonSerializable(typeof(LogStreamRequest))]
[JsonSerializable(typeof(LogBatch))]
[JsonSerializable(typeof(LogStreamEnd))]
[JsonSerializable(typeof(CommandRunRequest))]
[JsonSerializable(typeof(OutputBatch))]
[JsonSerializable(typeof(CommandResult))]
[JsonSerializable(typeof(ContainerExecRequest))]
[JsonSerializable(typeof(ExecOutput))]
[JsonSerializable(typeof(ExecInput))]
[JsonSerializable(typeof(ExecResult))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
