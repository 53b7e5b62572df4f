using System.Net.WebSockets;
using System.Net;
using Docker.DotNet;
using Monitor.Shared.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Monitor.Agent.Configuration;
using Monitor.Agent.Connections;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Config;

namespace Monitor.Agent.Hosting;

/// <summary>A running agent (Kestrel + WebSocket endpoint at "/"). Used by Program and, in-process, by tests.
/// Stop and start again on the same port as often as needed.</summary>
public sealed class AgentHost : IAsyncDisposable
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);
    private readonly WebApplication _app;
    private readonly DockerClient _docker;
    private readonly CancellationTokenSource _stopping;
    private readonly IdleTrimmer? _trimmer;
    private int _stopped;

    private AgentHost(WebApplication app, DockerClient docker, CancellationTokenSource stopping, IdleTrimmer? trimmer, Uri url, string? tlsFingerprint)
    {
        _app = app; _docker = docker; _stopping = stopping; _trimmer = trimmer; Url = url; TlsFingerprint = tlsFingerprint;
    }

    /// <summary>wss://host:port (ws:// when tls = false) of the running agent.</summary>
    public Uri Url { get; }

    /// <summary>SHA256:... of the certificate served; null when TLS is off.</summary>
    public string? TlsFingerprint { get; }

    public static async Task<AgentHost> StartAsync(AgentConfig config, CancellationToken ct = default)
    {
        var listen = ListenAddress.Parse(config.Listen);
        if (!IpAllowList.TryParse(config.AllowedIps, out var allowList, out var ipProblem))
            throw new ConfigException("allowed_ips", 1, 1, ipProblem);

        var certificate = config.Tls ? Fleet.AgentCertificate.LoadOrCreate(config) : null;
        ConnectionBudget? budget = null; // made once the logger exists; the listener only runs after that
        // The empty builder, not the slim one: no configuration files (and no file watcher thread on them), no
        // environment/command-line configuration, no HTTPS-from-configuration; Kestrel's core and our own logging only.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-dd HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, ExternallyControlledLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(listen.Address, listen.Port, endpoint =>
            {
                // The budget counts raw connections before any TLS handshake, so strangers cannot spend handshakes.
                ConnectionBudget.Guard(endpoint, () => budget!);
                Fleet.AgentTls.Apply(endpoint, certificate);
            });
            // Kestrel's limits count strangers and consoles together; ConnectionBudget splits them (hardening fault 1).
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(5);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(2);
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestBodySize = 0;
        });

        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        var docker = new DockerClientBuilder().WithEndpoint(DockerEndpoint(config.DockerSocket)).Build();
        var services = new AgentServices(config, docker, app.Services.GetRequiredService<ILoggerFactory>(), stopping.Token);
        var registry = HandlerSetup.CreateRegistry(services);
        var logger = services.Logging.CreateLogger("Monitor.Agent");
        budget = ConnectionBudgets.Create(config, logger);
        app.Lifetime.ApplicationStopped.Register(budget.Refusals.Dispose);

        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = KeepAlive, KeepAliveTimeout = KeepAlive });
        var trimmer = IdleTrimmer.StartIfEnabled();
        app.Run(context => trimmer is null
            ? ServeAsync(context, config, allowList, registry, logger, budget, stopping.Token)
            : ServeTrackedAsync(trimmer, context, config, allowList, registry, logger, budget, stopping.Token));

        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            if (trimmer is not null) await trimmer.DisposeAsync().ConfigureAwait(false);
            certificate?.Dispose();
            docker.Dispose();
            stopping.Dispose();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return new AgentHost(app, docker, stopping, trimmer, ListenUri.From(certificate is null ? "ws" : "wss", listen.Address, listen.Port, bound),
            certificate is null ? null : Monitor.Shared.Security.CertificateFingerprint.Of(certificate));
    }

    /// <summary>Serves one request (most are a whole console connection) as work the idle trimmer waits out.</summary>
    private static async Task ServeTrackedAsync(IdleTrimmer trimmer, HttpContext context, AgentConfig config, IpAllowList allowList,
        HandlerRegistry registry, ILogger logger, ConnectionBudget budget, CancellationToken stopping)
    {
        trimmer.Begin();
        try { await ServeAsync(context, config, allowList, registry, logger, budget, stopping).ConfigureAwait(false); }
        finally { trimmer.End(); }
    }

    private static async Task ServeAsync(HttpContext context, AgentConfig config, IpAllowList allowList, HandlerRegistry registry,
        ILogger logger, ConnectionBudget budget, CancellationToken stopping)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (!allowList.Allows(remote))
        {
            logger.LogWarning("refused {Remote}: not in allowed_ips", remote);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        if (context.Request.Path != "/")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("monitor-agent speaks WebSocket at /; connect with the monitor console\n", stopping).ConfigureAwait(false);
            return;
        }

        using var socket = await ConnectionBudgets.AcceptAsync(context, KeepAlive, budget).ConfigureAwait(false);
        if (socket is null) return;
        var endpoint = $"{remote}:{context.Connection.RemotePort}";
        try { await new AgentConnection(socket, endpoint, config, registry, logger, budget, context.Connection.Id).RunAsync(stopping).ConfigureAwait(false); }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || context.RequestAborted.IsCancellationRequested) { }
        catch (WebSocketException e) { logger.LogInformation("connection from {Remote} ended: {Reason}", endpoint, e.Message); }
    }

    /// <summary>A path like /var/run/docker.sock is taken as a unix socket.</summary>
    private static Uri DockerEndpoint(string socket) =>
        socket.Contains("://", StringComparison.Ordinal) ? new Uri(socket) : new Uri("unix://" + socket);

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _app.StopAsync(timeout.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_trimmer is not null) await _trimmer.DisposeAsync().ConfigureAwait(false);
        _docker.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
