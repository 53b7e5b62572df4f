using System.Threading.Channels;
using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Agent.Containers;
using Monitor.Agent.Dispatch;
using Monitor.Agent.Logs;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.DockerViews;

/// <summary>system.events: the engine's event stream (since/until/filters as `docker events` takes them), sent in
/// batches. Ends at <c>until</c>, or when the console cancels.</summary>
public sealed class EventStreamer(DockerClient docker)
{
    private const int MaxPerBatch = 500;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);
    private static readonly HashSet<string> FilterKeys = new(StringComparer.Ordinal)
    {
        "config", "container", "daemon", "event", "image", "label", "network", "node", "plugin", "scope", "secret", "service", "type", "volume",
    };

    public async Task<DockerEventsEnd> StreamAsync(DockerEventsRequest request, IStreamWriter<DockerEventBatch> writer, CancellationToken ct)
    {
        var parameters = new ContainerEventsParameters
        {
            Since = CheckTime(request.Since, "since"),
            Until = CheckTime(request.Until, "until"),
            Filters = Filters(request.Filters),
        };
        var events = Channel.CreateBounded<DockerEvent>(new BoundedChannelOptions(MaxPerBatch * 4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sender = Batcher.RunAsync(events.Reader, MaxPerBatch, FlushInterval,
            batch => writer.WriteAsync(new DockerEventBatch(batch), stop.Token), stop.Token);
        try
        {
            // Progress callbacks are synchronous; the bounded channel is drained by the sender.
            var progress = new SyncProgress(m => { if (!events.Writer.TryWrite(Map(m))) events.Writer.WriteAsync(Map(m), stop.Token).AsTask().GetAwaiter().GetResult(); });
            await DockerCalls.RunAsync("engine events", () => docker.System.MonitorEventsAsync(parameters, progress, stop.Token)).ConfigureAwait(false);
            events.Writer.TryComplete();
            await sender.ConfigureAwait(false);
        }
        catch
        {
            events.Writer.TryComplete();
            await stop.CancelAsync().ConfigureAwait(false);
            try { await sender.ConfigureAwait(false); } catch (OperationCanceledException) { }
            throw;
        }
        return new DockerEventsEnd(request.Until is null ? "engine closed the event stream" : "until reached");
    }

    public static DockerEvent Map(Message m)
    {
        var attributes = new Dictionary<string, string>(m.Actor?.Attributes ?? new Dictionary<string, string>());
        var time = m.TimeNano is > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(m.TimeNano.Value / 1_000_000) : DateTimeOffset.FromUnixTimeSeconds(m.Time ?? 0);
        attributes.TryGetValue("name", out var name);
        return new DockerEvent(time, m.Type ?? "", m.Action ?? "", m.Actor?.ID ?? "", name, attributes);
    }

    private static string? CheckTime(string? value, string what)
    {
        if (value is null) return null;
        if (value.Length > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ':' or '.' or '+'))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"{what} '{value}' is not a time (RFC 3339, unix seconds or a duration like 10m)");
        return value;
    }

    private static IDictionary<string, IDictionary<string, bool>>? Filters(IReadOnlyDictionary<string, IReadOnlyList<string>>? filters)
    {
        if (filters is not { Count: > 0 }) return null;
        var result = new Dictionary<string, IDictionary<string, bool>>(StringComparer.Ordinal);
        foreach (var (key, values) in filters)
        {
            if (!FilterKeys.Contains(key))
                throw new AgentRequestException(ErrorCodes.InvalidArgument, $"event filter '{key}' is not known; use one of {string.Join(", ", FilterKeys.Order(StringComparer.Ordinal))}");
            foreach (var v in values)
                if (string.IsNullOrEmpty(v) || v.Length > 512 || v.Any(char.IsControl))
                    throw new AgentRequestException(ErrorCodes.InvalidArgument, $"event filter {key}='{v}' must be non-empty text without control characters");
            result[key] = values.Distinct(StringComparer.Ordinal).ToDictionary(v => v, _ => true);
        }
        return result;
    }

    /// <summary>Runs the callback on the reporting thread (Progress&lt;T&gt; would post to the thread pool and reorder).</summary>
    private sealed class SyncProgress(Action<Message> report) : IProgress<Message>
    {
        public void Report(Message value) => report(value);
    }
}
