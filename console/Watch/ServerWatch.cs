using Monitor.Control.Agents;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Watch;

/// <summary>Holds one server's metrics subscription while this process holds its lease: hands every sample to the
/// observers in order, says when the server stops or starts answering (a stream that drops, cannot open, or stays
/// silent for three intervals), and reopens the subscription after a short wait.</summary>
public sealed class ServerWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public ServerWatch(ServerInfo server, IAgentClientFactory agents, WatchRequest request, IReadOnlyList<IWatchObserver> observers,
        TimeProvider clock, Action<string> log)
    {
        Server = server.Name;
        _run = Task.Run(() => RunAsync(server, agents, request, observers, clock, log, _stop.Token));
    }

    public string Server { get; }

    private static async Task RunAsync(ServerInfo server, IAgentClientFactory agents, WatchRequest request,
        IReadOnlyList<IWatchObserver> observers, TimeProvider clock, Action<string> log, CancellationToken ct)
    {
        bool? reachable = null;
        var interval = TimeSpan.FromSeconds(request.IntervalSeconds);
        var retry = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            string reason;
            try
            {
                var client = agents.Get(server);
                using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
                silence.CancelAfter(interval * 3 + TimeSpan.FromSeconds(5));
                await using var stream = await client.OpenStreamAsync(AgentMethods.MetricsWatch, request, silence.Token).ConfigureAwait(false);
                await foreach (var sample in stream.ReadAllAsync(silence.Token).ConfigureAwait(false))
                {
                    silence.CancelAfter(interval * 3);
                    retry = TimeSpan.FromSeconds(1);
                    if (reachable != true)
                    {
                        reachable = true;
                        await NotifyAsync(observers, o => o.OnReachabilityAsync(server.Name, true, null, clock.GetUtcNow(), ct), log).ConfigureAwait(false);
                    }
                    await NotifyAsync(observers, o => o.OnSampleAsync(server.Name, sample, ct), log).ConfigureAwait(false);
                }
                reason = "the agent ended the subscription (stopping)";
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (OperationCanceledException) { reason = $"no sample for {interval * 3}"; }
            catch (AgentException e) { reason = e.Message; }
            catch (Exception e) when (e is IOException or System.Net.WebSockets.WebSocketException or TimeoutException) { reason = e.Message; }
            if (reachable != false)
            {
                reachable = false;
                log($"{server.Name}: unreachable: {reason}");
                await NotifyAsync(observers, o => o.OnReachabilityAsync(server.Name, false, reason, clock.GetUtcNow(), ct), log).ConfigureAwait(false);
            }
            try { await Task.Delay(retry, clock, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, Math.Max(interval.Ticks, TimeSpan.FromSeconds(1).Ticks)));
        }
    }

    /// <summary>One observer failing (store briefly down) must not stop the others or the subscription.</summary>
    private static async Task NotifyAsync(IReadOnlyList<IWatchObserver> observers, Func<IWatchObserver, ValueTask> call, Action<string> log)
    {
        foreach (var observer in observers)
        {
            try { await call(observer).ConfigureAwait(false); }
            catch (OperationCanceledException) { throw; }
            catch (Exception e) { log($"watch: {observer.GetType().Name} failed: {e.Message}"); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _run.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
