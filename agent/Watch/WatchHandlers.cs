using Microsoft.Extensions.Logging;
using Monitor.Agent.Dispatch;
using Monitor.Agent.Host;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Watch;

/// <summary>metrics.watch (the subscription the watcher in `monitor serve` holds) and host.top.</summary>
public static class WatchHandlers
{
    public const int MinIntervalSeconds = 1;
    public const int MaxIntervalSeconds = 3600;
    private const int MaxProcessChecks = 100;

    public static void Register(HandlerRegistry registry, AgentServices services)
    {
        var host = new HostMetricsReader(services.HostCpu);
        var containers = new ContainerSampler(services.Docker);

        registry.Handle(AgentMethods.MetricsWatch, (request, writer, ct) => WatchAsync(request, writer, host, containers, services.Stopping, ct));
        registry.Handle(AgentMethods.HostTop, (request, ct) => HostTop.ReadAsync(request, ct));
    }

    private static async Task<WatchEnd> WatchAsync(WatchRequest request, IStreamWriter<WatchSample> writer, HostMetricsReader host,
        ContainerSampler containers, CancellationToken stopping, CancellationToken ct)
    {
        if (request.IntervalSeconds is < MinIntervalSeconds or > MaxIntervalSeconds)
            throw new AgentRequestException(ErrorCodes.InvalidArgument,
                $"intervalSeconds must be {MinIntervalSeconds}..{MaxIntervalSeconds}, got {request.IntervalSeconds}");
        var specs = request.Processes ?? [];
        if (specs.Count > MaxProcessChecks)
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"at most {MaxProcessChecks} process checks per subscription, got {specs.Count}");
        if (specs.FirstOrDefault(s => string.IsNullOrWhiteSpace(s.Name)) is not null)
            throw new AgentRequestException(ErrorCodes.InvalidArgument, "every process check needs a name");
        var processes = new ProcessChecker(specs);

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(request.IntervalSeconds));
        try
        {
            do
            {
                var time = DateTimeOffset.UtcNow;
                IReadOnlyList<ContainerSample> sampled = [];
                string? dockerError = null;
                if (!request.HostOnly)
                {
                    try { sampled = await containers.SampleAsync(linked.Token).ConfigureAwait(false); }
                    catch (Exception e) when (e is not OperationCanceledException) { dockerError = $"Docker: {e.Message}"; }
                }
                var sample = new WatchSample(time, host.Read(), sampled, processes.Check(), dockerError);
                await writer.WriteAsync(sample, linked.Token).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(linked.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !ct.IsCancellationRequested) { }
        return new WatchEnd("agent stopping");
    }
}
