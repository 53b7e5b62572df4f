using Monitor.Control.Agents;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>Runs a streaming agent method whose items are output batches, forwarding each chunk as it arrives.</summary>
public static class AgentStreams
{
    public static async Task<TEnd> RunAsync<TReq, TEnd>(IAgentClient client, StreamMethod<TReq, OutputBatch, TEnd> method, TReq request, string step, IProgress<StackOutput> output, CancellationToken ct)
    {
        await using var stream = await client.OpenStreamAsync(method, request, ct).ConfigureAwait(false);
        await foreach (var batch in stream.ReadAllAsync(ct).ConfigureAwait(false))
            foreach (var chunk in batch.Chunks)
                output.Report(new StackOutput(step, client.ServerName, chunk.Stream, chunk.Text));
        return await stream.Completion.ConfigureAwait(false);
    }
}
