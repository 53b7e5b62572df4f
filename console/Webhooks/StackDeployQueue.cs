namespace Monitor.Control.Webhooks;

/// <summary>Runs webhook deploys one at a time per stack (different stacks in parallel). While a stack's deploy runs,
/// at most one request waits; a newer push replaces the waiting one (latest commit wins: deploying an intermediate
/// commit that is already outdated would only delay the newest). Hand-written because it is this small and the
/// "replace the waiting item" rule is not what channel/queue types offer.</summary>
public sealed class StackDeployQueue(Func<DeployRequest, CancellationToken, Task> deploy, Action<DeployRequest, string>? dropped = null)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _abort = new();
    private bool _closed;

    private sealed class Lane
    {
        public Task Worker = Task.CompletedTask;
        public bool Running;
        public DeployRequest? Waiting;
    }

    public QueuePosition Enqueue(DeployRequest request)
    {
        DeployRequest? replaced;
        lock (_gate)
        {
            if (_closed) return QueuePosition.Refused;
            if (!_lanes.TryGetValue(request.Stack, out var lane)) _lanes[request.Stack] = lane = new Lane();
            if (!lane.Running)
            {
                lane.Running = true;
                lane.Worker = Task.Run(() => RunLaneAsync(lane, request));
                return QueuePosition.Started;
            }
            replaced = lane.Waiting;
            lane.Waiting = request;
        }
        if (replaced is not null) dropped?.Invoke(replaced, $"superseded by commit {Short(request.Commit)} (delivery {request.DeliveryId})");
        return QueuePosition.Queued;
    }

    /// <summary>Completes when no deploy runs or waits (for tests and benchmarks: no polling).</summary>
    public Task WhenIdleAsync()
    {
        Task[] workers;
        lock (_gate) workers = _lanes.Values.Select(l => l.Worker).ToArray();
        return Task.WhenAll(workers);
    }

    /// <summary>Takes no more requests, drops the waiting ones, lets running deploys finish for up to
    /// <paramref name="grace"/>, then cancels them (the history records them as cancelled).</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        var waiting = new List<DeployRequest>();
        lock (_gate)
        {
            _closed = true;
            foreach (var lane in _lanes.Values)
            {
                if (lane.Waiting is { } w) waiting.Add(w);
                lane.Waiting = null;
            }
        }
        foreach (var w in waiting) dropped?.Invoke(w, "server stopping");
        var all = WhenIdleAsync();
        if (await Task.WhenAny(all, Task.Delay(grace)).ConfigureAwait(false) != all) await _abort.CancelAsync().ConfigureAwait(false);
        await all.ConfigureAwait(false);
    }

    private async Task RunLaneAsync(Lane lane, DeployRequest first)
    {
        var next = first;
        while (next is not null)
        {
            // The deploy function reports its own failures; a throw must not stop the lane or leave Running set.
            try { await deploy(next, _abort.Token).ConfigureAwait(false); }
            catch (Exception) { }
            lock (_gate)
            {
                next = lane.Waiting;
                lane.Waiting = null;
                if (next is null) lane.Running = false;
            }
        }
    }

    private static string Short(string commit) => commit[..Math.Min(12, commit.Length)];
}
