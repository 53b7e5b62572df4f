using System.Collections.Concurrent;
using Monitor.Control.Services;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Agents;

/// <summary>
/// Live state and host metrics of every tracked server, pushed by the agents instead of polled: one metrics.watch
/// subscription per server (a sample now, then one per <see cref="Interval"/>), reopened after a drop with jittered
/// backoff; dials are bounded by the clients' <see cref="DialGate"/>. Readers take a snapshot (<see cref="StatusOf"/>)
/// whenever <see cref="Changed"/> fires; nothing here asks an agent anything on a timer.
/// </summary>
public sealed class FleetPresence(IAgentClientFactory agents, TimeSpan interval, ReconnectBackoff? backoff = null) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Watched> _watched = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _life = new();
    private readonly ReconnectBackoff _backoff = backoff ?? ReconnectBackoff.Default;
    private long _version;

    public TimeSpan Interval => interval;

    /// <summary>Bumped on every change (a sample, a state change, a server added or gone).</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Raised (on a pool thread) after each change; handlers should coalesce.</summary>
    public event Action? Changed;

    /// <summary>Watches exactly these servers: starts subscriptions for new ones (or a changed URL/pin), stops the rest.</summary>
    public void Track(IReadOnlyList<ServerInfo> servers)
    {
        var names = new HashSet<string>(servers.Select(s => s.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, watched) in _watched)
            if (!names.Contains(name) && _watched.TryRemove(name, out _)) watched.Stop();
        foreach (var server in servers)
        {
            if (_watched.TryGetValue(server.Name, out var existing))
            {
                if (existing.Server.Url == server.Url && existing.Server.TlsFingerprint == server.TlsFingerprint) continue;
                existing.Stop();
            }
            var watched = new Watched(server, agents.Get(server), this);
            _watched[server.Name] = watched;
            watched.Start(_life.Token);
        }
        Touch();
    }

    /// <summary>What is known of a server now (state Disconnected and no metrics when it is not tracked).</summary>
    public ServerStatus StatusOf(ServerInfo server) =>
        _watched.TryGetValue(server.Name, out var w)
            ? new ServerStatus(server, w.State, w.Error, w.Agent, w.Metrics, (w.Client as Fleet.IAgentIdentity)?.Role)
            : new ServerStatus(server, AgentConnectionState.Disconnected, null, null, null);

    private void Touch()
    {
        Interlocked.Increment(ref _version);
        Changed?.Invoke();
    }

    public async ValueTask DisposeAsync()
    {
        await _life.CancelAsync().ConfigureAwait(false);
        foreach (var w in _watched.Values) w.Stop();
        _watched.Clear();
    }

    private sealed class Watched(ServerInfo server, IAgentClient client, FleetPresence owner)
    {
        /// <summary>How long the subscription follows the client's own reconnecting before it backs off by itself.</summary>
        private static readonly TimeSpan RejoinWindow = TimeSpan.FromMinutes(10);

        private CancellationTokenSource? _stop;
        public ServerInfo Server => server;
        public IAgentClient Client => client;
        /// <summary>agent.info, asked once per connection (the version the Servers pane shows).</summary>
        public AgentInfo? Agent { get; private set; }
        public AgentConnectionState State { get; private set; } = AgentConnectionState.Connecting;
        public string? Error { get; private set; }
        public HostMetrics? Metrics { get; private set; }

        public void Start(CancellationToken life)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(life);
            client.StateChanged += OnStateChanged;
            _ = Task.Run(() => RunAsync(_stop.Token));
        }

        public void Stop()
        {
            client.StateChanged -= OnStateChanged;
            try { _stop?.Cancel(); } catch (ObjectDisposedException) { }
        }

        private void OnStateChanged(object? sender, AgentConnectionState state)
        {
            if (State == state) return;
            State = state;
            Error = client.LastError;
            owner.Touch();
        }

        private async Task RunAsync(CancellationToken ct)
        {
            var failures = 0;
            // Host-only: the Servers pane shows host figures for every server; a server's containers come from the
            // Containers pane's own container.list when it is shown. An older agent ignores the option and sends
            // container samples too: they are read past (only sample.Host is kept).
            var request = new WatchRequest(Math.Max(1, (int)Math.Round(owner.Interval.TotalSeconds)), HostOnly: true);
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    // agent.info and the subscription go out together: one round trip after the handshake, not two.
                    var info = client.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest(), TimeSpan.FromSeconds(15), ct);
                    IAgentStream<WatchSample, WatchEnd> opened;
                    try { opened = await client.OpenStreamAsync(AgentMethods.MetricsWatch, request, ct).ConfigureAwait(false); }
                    catch
                    {
                        _ = info.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                        throw;
                    }
                    await using var stream = opened;
                    Agent = await info.ConfigureAwait(false);
                    await foreach (var sample in stream.ReadAllAsync(ct).ConfigureAwait(false))
                    {
                        failures = 0;
                        Metrics = sample.Host;
                        State = client.State;
                        Error = null;
                        owner.Touch();
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
                catch (AgentException e)
                {
                    State = client.State == AgentConnectionState.Online ? AgentConnectionState.Unreachable : client.State;
                    Error = e.Message;
                    owner.Touch();
                }
                catch (OperationCanceledException) { }
                try
                {
                    // One reconnect schedule, the client's (jittered, growing, dials bounded by its gate): a second
                    // backoff here would only add to it and leave a reconnected server without samples until it ends.
                    if (client is AgentClient { State: not (AgentConnectionState.Online or AgentConnectionState.AuthFailed) } own)
                    {
                        try { await own.WaitOnlineAsync(RejoinWindow, ct).ConfigureAwait(false); failures = 0; continue; }
                        catch (AgentException) { }
                    }
                    // Jittered and growing: servers that dropped together do not come back in lockstep.
                    await Task.Delay(owner._backoff.DelayFor(failures++), ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
