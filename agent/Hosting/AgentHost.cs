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
    private int _stopped;

    private AgentHost(WebApplication app, DockerClient docker, CancellationTokenSource stopping, Uri url, string? tlsFingerprint)
    {
        _app = app; _docker = docker; _stopping = stopping; Url = url; TlsFingerprint = tlsFingerprint;
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
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-dd HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, ExternallyControlledLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(listen.Address, listen.Port, endpoint => Fleet.AgentTls.Apply(endpoint, certificate));
            kestrel.Limits.MaxConcurrentUpgradedConnections = config.MaxConnections;
            kestrel.Limits.MaxConcurrentConnections = config.MaxConnections + 16;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestBodySize = 0;
        });

        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        var docker = new DockerClientConfiguration(DockerEndpoint(config.DockerSocket)).CreateClient();
        var services = new AgentServices(config, docker, app.Services.GetRequiredService<ILoggerFactory>(), stopping.Token);
        var registry = HandlerSetup.CreateRegistry(services);
        var logger = services.Logging.CreateLogger("Monitor.Agent");

        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = KeepAlive, KeepAliveTimeout = KeepAlive });
        app.Run(context => ServeAsync(context, config, allowList, registry, logger, stopping.Token));

        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            certificate?.Dispose();
            docker.Dispose();
            stopping.Dispose();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return new AgentHost(app, docker, stopping, ListenUri.From(certificate is null ? "ws" : "wss", listen.Address, listen.Port, bound),
            certificate is null ? null : Monitor.Shared.Security.CertificateFingerprint.Of(certificate));
    }

    private static async Task ServeAsync(HttpContext context, AgentConfig config, IpAllowList allowList, HandlerRegistry registry,
        ILogger logger, CancellationToken stopping)
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

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = false,
            KeepAliveInterval = KeepAlive,
            KeepAliveTimeout = KeepAlive,
        }).ConfigureAwait(false);
        var endpoint = $"{remote}:{context.Connection.RemotePort}";
        try { await new AgentConnection(socket, endpoint, config, registry, logger).RunAsync(stopping).ConfigureAwait(false); }
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
        _docker.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
