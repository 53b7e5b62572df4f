using System.Net;
using Docker.DotNet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Agent.Connection;
using Monitor.Agent.HostInfo;
using Monitor.Shared.Config;

namespace Monitor.Agent.Hosting;

/// <summary>A running agent (Kestrel + WebSocket endpoint at "/"). Used by Program and, in-process, by tests.</summary>
public sealed class AgentHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HostMetricsSampler _sampler;
    private readonly DockerClient _docker;
    private bool _stopped;

    private AgentHost(WebApplication app, HostMetricsSampler sampler, DockerClient docker, Uri url)
    {
        _app = app; _sampler = sampler; _docker = docker; Url = url;
    }

    /// <summary>ws://host:port of the running agent.</summary>
    public Uri Url { get; }

    public static async Task<AgentHost> StartAsync(AgentConfig config, CancellationToken ct = default)
    {
        var endpoint = ParseListen(config.Listen);
        var allowList = new IpAllowList(config.AllowedIps);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(Environment.GetEnvironmentVariable("MONITOR_AGENT_LOG_LEVEL") is { } level
            && Enum.TryParse<LogLevel>(level, true, out var parsed) ? parsed : LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentUpgradedConnections = config.MaxConnections;
            kestrel.Limits.MaxConcurrentConnections = config.MaxConnections * 2L;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Listen(endpoint);
        });

        var docker = new DockerClientConfiguration(new Uri(config.DockerSocket)).CreateClient();
        var app = builder.Build();
        var services = new AgentServices(config, docker, app.Services.GetRequiredService<ILoggerFactory>());
        var sampler = new HostMetricsSampler();
        var handlers = HandlerSetup.Create(services, sampler);
        var log = services.Logging.CreateLogger("monitor-agent");
        var stopping = app.Lifetime.ApplicationStopping;

        // Compression stays off (CRIME/BREACH, decompression bombs); ping/pong deadlines drop dead peers.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15), KeepAliveTimeout = TimeSpan.FromSeconds(30) });
        app.Run(async context =>
        {
            var remote = context.Connection.RemoteIpAddress;
            if (!allowList.Allows(remote))
            {
                log.LogWarning("refused {Remote}: not in allowed_ips", remote);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("forbidden: this address is not in the agent's allowed_ips\n").ConfigureAwait(false);
                return;
            }
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
                await context.Response.WriteAsync("monitor-agent speaks WebSocket only\n").ConfigureAwait(false);
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping, context.RequestAborted);
            var connection = new AgentConnection(socket, config, handlers, log, remote?.ToString() ?? "?");
            await connection.RunAsync(cts.Token).ConfigureAwait(false);
        });

        sampler.Start();
        await app.StartAsync(ct).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var url = bound is not null ? new Uri(bound.Replace("http://", "ws://", StringComparison.Ordinal)) : new Uri($"ws://{config.Listen}");
        return new AgentHost(app, sampler, docker, url);
    }

    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _sampler.DisposeAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _app.StopAsync(timeout.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        await _app.DisposeAsync().ConfigureAwait(false);
        _docker.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static IPEndPoint ParseListen(string listen)
    {
        if (IPEndPoint.TryParse(listen, out var endpoint) && endpoint.Port > 0) return endpoint;
        if (listen.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) && int.TryParse(listen[10..], out var port))
            return new IPEndPoint(IPAddress.Loopback, port);
        throw new ConfigException("listen", 1, 1, $"'{listen}' is not host:port (e.g. 127.0.0.1:8120 or 0.0.0.0:8120)");
    }
}
