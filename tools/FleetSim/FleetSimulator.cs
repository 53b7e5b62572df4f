using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Agent.Connections;
using Monitor.Agent.Fleet;
using Monitor.Shared.Config;
using Monitor.Shared.Security;

namespace Monitor.FleetSim;

/// <summary>
/// N simulated servers in one process: one Kestrel app listening on N loopback ports (server i on BasePort + i),
/// each connection served by the agent's own <see cref="AgentConnection"/> (hello, key auth, TLS with the agent's
/// certificate code, dispatcher, frame writer) over that server's simulated handlers. <see cref="DropAsync"/> cuts
/// servers off for a while (their sockets closed, new connections reset before TLS) and brings them back.
/// </summary>
public sealed class FleetSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2? _certificate;
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<string, HttpContext>> _live = new();
    private long _dials;
    private long _sessions;

    private FleetSimulator(FleetOptions options, FleetFiles files, IReadOnlyList<SimulatedServer> servers, WebApplication app, X509Certificate2? certificate)
    {
        Options = options; Files = files; Servers = servers; _app = app; _certificate = certificate;
        TlsFingerprint = certificate is null ? null : CertificateFingerprint.Of(certificate);
    }

    public FleetOptions Options { get; }
    public FleetFiles Files { get; }
    public IReadOnlyList<SimulatedServer> Servers { get; }
    /// <summary>SHA256:... of the one certificate every simulated server presents; null without TLS.</summary>
    public string? TlsFingerprint { get; }
    /// <summary>TCP connections accepted so far (every console dial, also those refused while dropped).</summary>
    public long Dials => Interlocked.Read(ref _dials);
    /// <summary>WebSocket sessions open now.</summary>
    public long OpenSessions => Interlocked.Read(ref _sessions);

    public string Url(SimulatedServer server) => $"{(Options.Tls ? "wss" : "ws")}://127.0.0.1:{server.Port}";

    public static async Task<FleetSimulator> StartAsync(FleetOptions options, CancellationToken ct = default)
    {
        var files = FleetFiles.Create(options);
        var agentConfig = files.AgentConfig;
        var certificate = options.Tls ? AgentCertificate.LoadOrCreate(agentConfig) : null;
        var tries = options.BasePort > 0 ? 1 : 8;
        for (var attempt = 1; ; attempt++)
        {
            var basePort = options.BasePort > 0 ? options.BasePort : Random.Shared.Next(20_000, 60_000 - options.Servers);
            var servers = Enumerable.Range(0, options.Servers).Select(i => new SimulatedServer(options, i, basePort + i)).ToList();
            try
            {
                return await StartOnAsync(options, files, servers, certificate, ct).ConfigureAwait(false);
            }
            catch (IOException) when (attempt < tries)
            {
                // a port of that run is taken: try another run
            }
        }
    }

    private static async Task<FleetSimulator> StartOnAsync(FleetOptions options, FleetFiles files, List<SimulatedServer> servers,
        X509Certificate2? certificate, CancellationToken ct)
    {
        var byPort = servers.ToDictionary(s => s.Port);
        FleetSimulator? self = null;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            foreach (var server in servers)
                kestrel.Listen(IPAddress.Loopback, server.Port, endpoint =>
                {
                    endpoint.Use(next => async connection =>
                    {
                        Interlocked.Increment(ref self!._dials);
                        if (server.Down) { connection.Abort(new ConnectionAbortedException("server dropped by the simulator")); return; }
                        await next(connection).ConfigureAwait(false);
                    });
                    AgentTls.Apply(endpoint, certificate);
                });
        });
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.Run(context => self!.ServeAsync(context, byPort, files.AgentConfig));
        self = new FleetSimulator(options, files, servers, app, certificate);
        try { await app.StartAsync(ct).ConfigureAwait(false); }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        files.WriteConsoleConfig(servers.Select(s => (s.Name, self.Url(s))));
        return self;
    }

    private async Task ServeAsync(HttpContext context, Dictionary<int, SimulatedServer> byPort, AgentConfig config)
    {
        if (!byPort.TryGetValue(context.Connection.LocalPort, out var server) || server.Down || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var live = _live.GetOrAdd(server.Port, _ => new ConcurrentDictionary<string, HttpContext>());
        live[context.Connection.Id] = context;
        Interlocked.Increment(ref _sessions);
        try
        {
            await new AgentConnection(socket, $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}", config, server.Registry,
                NullLogger.Instance).RunAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ConnectionAbortedException or IOException) { }
        finally
        {
            live.TryRemove(context.Connection.Id, out _);
            Interlocked.Decrement(ref _sessions);
        }
    }

    /// <summary>Marks <paramref name="count"/> servers (from the first) down, cuts their sessions, and brings them
    /// back after <paramref name="duration"/> (returns once they are back).</summary>
    public async Task DropAsync(int count, TimeSpan duration, CancellationToken ct = default)
    {
        var dropped = Servers.Take(count).ToList();
        foreach (var server in dropped)
        {
            server.Down = true;
            if (_live.TryGetValue(server.Port, out var live))
                foreach (var context in live.Values) context.Abort();
        }
        try { await Task.Delay(duration, ct).ConfigureAwait(false); }
        finally { foreach (var server in dropped) server.Down = false; }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        foreach (var live in _live.Values)
            foreach (var context in live.Values) context.Abort();
        try { await _app.StopAsync(timeout.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificate?.Dispose();
    }
}
