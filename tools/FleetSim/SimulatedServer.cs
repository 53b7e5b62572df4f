using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.FleetSim;

/// <summary>One simulated server: its containers, its host figures, and the handler table its connections are
/// served with (the agent's own <see cref="HandlerRegistry"/> and descriptors, so payloads are the real ones).</summary>
public sealed class SimulatedServer
{
    private readonly FleetOptions _options;
    private readonly HostSimulation _host;

    public SimulatedServer(FleetOptions options, int index, int port)
    {
        _options = options;
        Index = index;
        Port = port;
        Name = $"{options.NamePrefix}-{index:0000}";
        var random = new Random(options.Seed * 100_003 + index);
        _host = new HostSimulation(index, random);
        var created = DateTimeOffset.UtcNow.AddDays(-1 - index % 30);
        Containers = Enumerable.Range(0, options.Containers).Select(i => new SimulatedContainer(Name, i, created)).ToList();
        Registry = BuildRegistry();
    }

    public int Index { get; }
    public int Port { get; }
    public string Name { get; }
    public IReadOnlyList<SimulatedContainer> Containers { get; }
    public HandlerRegistry Registry { get; }

    /// <summary>Container samples sent on metrics.watch subscriptions so far (0 while every subscription is host-only).</summary>
    public long ContainerSamplesSent => Interlocked.Read(ref _containerSamplesSent);
    private long _containerSamplesSent;

    /// <summary>While true the server is "dropped": its connections are cut and new ones are refused.</summary>
    public bool Down { get; set; }

    private HandlerRegistry BuildRegistry()
    {
        var r = new HandlerRegistry();
        r.Handle(AgentMethods.AgentInfo, async (_, ct) =>
        {
            await DelayAsync(ct).ConfigureAwait(false);
            return new AgentInfo("sim-" + Monitor.Agent.AgentVersionInfo.Version, Name, "Linux (simulated)", 4, "27.0.0-sim", "1.47", true);
        });
        r.Handle(AgentMethods.HostMetrics, async (_, ct) => { await DelayAsync(ct).ConfigureAwait(false); return _host.Next(); });
        r.Handle(AgentMethods.ContainerList, async (req, ct) =>
        {
            await DelayAsync(ct).ConfigureAwait(false);
            var list = Containers.Where(c => req.All || c.State == "running")
                .Where(c => req.LabelFilter is null || req.LabelFilter.All(f => c.Labels.TryGetValue(f.Key, out var v) && (f.Value.Length == 0 || v == f.Value)))
                .Select(c => c.Summary()).ToList();
            return new ContainerListResponse(list);
        });
        r.Handle(AgentMethods.ContainerInspect, async (req, ct) => { await DelayAsync(ct).ConfigureAwait(false); return Find(req.Container).Details(); });
        r.Handle(AgentMethods.ContainerStats, async (req, ct) => { await DelayAsync(ct).ConfigureAwait(false); return Find(req.Container).Stats(_host.Random); });
        r.Handle(AgentMethods.ContainerStart, (req, ct) => ChangeAsync(req.Container, c => c.Start(), ct));
        r.Handle(AgentMethods.ContainerStop, (req, ct) => ChangeAsync(req.Container, c => c.Stop(), ct));
        r.Handle(AgentMethods.ContainerRestart, (req, ct) => ChangeAsync(req.Container, c => c.Restart(), ct));
        r.Handle(AgentMethods.ContainerLogs, (req, writer, ct) => new SimulatedLogs(Find(req.Container), _options.LogLinesPerSecond).StreamAsync(req, writer, ct));
        r.Handle(AgentMethods.MetricsWatch, WatchAsync);
        return r;
    }

    private async Task<WatchEnd> WatchAsync(WatchRequest request, IStreamWriter<WatchSample> writer, CancellationToken ct)
    {
        var interval = TimeSpan.FromSeconds(Math.Clamp(request.IntervalSeconds, 1, 3600));
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                await DelayAsync(ct).ConfigureAwait(false);
                List<ContainerSample> containers = request.HostOnly && _options.HonourHostOnly ? [] : [.. Containers.Select(c => c.Sample(_host.Random))];
                Interlocked.Add(ref _containerSamplesSent, containers.Count);
                var processes = (request.Processes ?? []).Select(p => new ProcessState(p.Name, true, 1000 + Index, 3600, 0.5, 20L << 20)).ToList();
                await writer.WriteAsync(new WatchSample(DateTimeOffset.UtcNow, _host.Next(), containers, processes), ct).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException) { }
        return new WatchEnd("cancelled");
    }

    private async Task<ContainerActionResult> ChangeAsync(string reference, Action<SimulatedContainer> change, CancellationToken ct)
    {
        await DelayAsync(ct).ConfigureAwait(false);
        var container = Find(reference);
        change(container);
        return new ContainerActionResult(container.Id, container.Name, container.State);
    }

    private SimulatedContainer Find(string reference) =>
        Containers.FirstOrDefault(c => c.Matches(reference))
        ?? throw new AgentRequestException(ErrorCodes.NotFound, $"no container '{reference}' on {Name}");

    private Task DelayAsync(CancellationToken ct) => _options.Latency > TimeSpan.Zero ? Task.Delay(_options.Latency, ct) : Task.CompletedTask;
}
