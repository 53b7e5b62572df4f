using System.Threading.Channels;
using Docker.DotNet.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks;

/// <summary>Collects lines from Docker progress callbacks or a process (in order, synchronously) and sends them to
/// the stream in batches: many lines per frame when output is fast.</summary>
public sealed class OutputPump : IProgress<JSONMessage>
{
    private readonly Channel<OutputChunk> _lines = Channel.CreateUnbounded<OutputChunk>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;

    public OutputPump(Func<OutputBatch, CancellationToken, ValueTask> emit, CancellationToken ct) => _pump = PumpAsync(emit, ct);

    /// <summary>The first error Docker reported in its progress stream, if any.</summary>
    public string? Error { get; private set; }

    public void Write(string stream, string text) => _lines.Writer.TryWrite(new OutputChunk(stream, text));

    public void Report(JSONMessage value)
    {
        if (value.Error is { } error && !string.IsNullOrEmpty(error.Message)) { Error ??= error.Message; Write("stderr", error.Message + "\n"); return; }
        if (!string.IsNullOrEmpty(value.Stream)) { Write("stdout", value.Stream); return; }
        if (!string.IsNullOrEmpty(value.Status))
        {
            // Layer byte counters repeat many times per layer; the status lines alone tell the story.
            if (value.Progress is not null && value.Status is "Downloading" or "Extracting" or "Pushing") return;
            var line = string.IsNullOrEmpty(value.ID) ? value.Status : $"{value.ID}: {value.Status}";
            Write("stdout", line + "\n");
        }
    }

    /// <summary>Flushes what is left and waits until every line was sent.</summary>
    public async Task CompleteAsync()
    {
        _lines.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync(Func<OutputBatch, CancellationToken, ValueTask> emit, CancellationToken ct)
    {
        var reader = _lines.Reader;
        var batch = new List<OutputChunk>();
        while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            while (batch.Count < 500 && reader.TryRead(out var chunk)) batch.Add(chunk);
            await emit(new OutputBatch(batch.ToArray()), ct).ConfigureAwait(false);
            batch.Clear();
        }
    }
}
