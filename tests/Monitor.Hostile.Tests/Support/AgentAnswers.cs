using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;

namespace Monitor.Hostile.Tests.Support;

/// <summary>The final answer to one call: the response or error of a request; the stream.end or error of a stream
/// (its items and any acknowledgement are skipped).</summary>
public static class AgentAnswers
{
    public static async Task<Envelope> FinalAsync<T>(this RawAgentClient client, AgentMethod method, T payload, TimeSpan? timeout = null)
    {
        var id = await client.SendRequestAsync(method, payload);
        var isStream = method.IsStream;
        return await client.WaitForAsync(e => e.Id == id && (e.Type is FrameTypes.Error or FrameTypes.StreamEnd || (!isStream && e.Type == FrameTypes.Response)), timeout);
    }
}
