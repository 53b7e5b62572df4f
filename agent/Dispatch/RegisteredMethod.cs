using System.Text.Json;
using System.Threading.Channels;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Dispatch;

/// <summary>One registered method: knows how to turn a request frame into exactly one response/error
/// (plus stream frames for streaming methods).</summary>
internal abstract class RegisteredMethod(AgentMethod descriptor)
{
    public AgentMethod Descriptor { get; } = descriptor;

    public string Name => Descriptor.Name;

    /// <summary>Per-method timeout; null means the registry's default for requests and no timeout for streams.</summary>
    public TimeSpan? Timeout => Descriptor.Timeout;

    public bool IsStream => Descriptor.IsStream;

    /// <summary>Deserializes the payload; throws <see cref="AgentRequestException"/> (invalid_argument) when it does not fit.</summary>
    public abstract object ParsePayload(JsonElement? payload);

    public abstract Task RunAsync(string id, object request, IRequestChannel channel, ChannelReader<JsonElement> input, CancellationToken ct);
}
