using System.Text.Json;
using System.Threading.Channels;

namespace Monitor.Agent.Dispatch;

/// <summary>One registered method: knows how to turn a request frame into exactly one response/error
/// (plus stream frames for streaming methods).</summary>
internal abstract class RegisteredMethod(string name, TimeSpan? timeout)
{
    public string Name { get; } = name;

    /// <summary>Per-method timeout; null means the registry's default for requests and no timeout for streams.</summary>
    public TimeSpan? Timeout { get; } = timeout;

    public abstract bool IsStream { get; }

    /// <summary>Deserializes the payload; throws <see cref="AgentRequestException"/> (invalid_argument) when it does not fit.</summary>
    public abstract object ParsePayload(JsonElement? payload);

    public abstract Task RunAsync(string id, object request, IRequestChannel channel, ChannelReader<JsonElement> input, CancellationToken ct);
}
