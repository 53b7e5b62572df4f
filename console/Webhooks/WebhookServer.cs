using System.Buffers;
using System.Net;
using System.Text.Json;
using Monitor.Shared.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitor.Control.Webhooks;

/// <summary>The HTTP face of the webhook service (Kestrel): <c>POST /hooks/{stack}</c> and <c>GET /healthz</c>.
/// Reads the raw body (the signature covers those bytes) up to the size limit (413 beyond), hands it to the handler,
/// writes its JSON answer. Routing is two comparisons, so no router is set up.</summary>
public sealed class WebhookServer : IAsyncDisposable
{
    private const string HooksPrefix = "/hooks/";
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull, TypeInfoResolver = Monitor.Control.Composition.ConsoleJson.Resolver };
    private readonly WebApplication _app;
    private int _stopped;

    private WebhookServer(WebApplication app, Uri url) { _app = app; Url = url; }

    /// <summary>http://host:port actually bound (port 0 in the endpoint picks a free one).</summary>
    public Uri Url { get; }

    /// <exception cref="IOException">The address cannot be bound (in use, not local).</exception>
    public static async Task<WebhookServer> StartAsync(WebhookHandler handler, IPEndPoint listen, int maxBodyBytes, CancellationToken ct = default,
        Devices.KeepaliveEndpoint? keepalive = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, SignalFreeLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(listen);
            kestrel.Limits.MaxRequestBodySize = maxBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
            kestrel.Limits.MaxConcurrentConnections = 256;
            kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
        });
        var app = builder.Build();
        app.Run(context => ServeAsync(context, handler, maxBodyBytes, keepalive));
        try { await app.StartAsync(ct).ConfigureAwait(false); }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return new WebhookServer(app, ListenUri.From("http", listen.Address, listen.Port, bound));
    }

    private static async Task ServeAsync(HttpContext context, WebhookHandler handler, int maxBodyBytes, Devices.KeepaliveEndpoint? keepalive)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (keepalive is not null && path.StartsWith(Devices.KeepaliveEndpoint.Prefix, StringComparison.Ordinal)
            && path.Length > Devices.KeepaliveEndpoint.Prefix.Length && path.IndexOf('/', Devices.KeepaliveEndpoint.Prefix.Length) < 0)
        {
            await keepalive.ServeAsync(context, path).ConfigureAwait(false);
            return;
        }
        if (path == "/healthz")
        {
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) { context.Response.StatusCode = 405; return; }
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }
        if (!path.StartsWith(HooksPrefix, StringComparison.Ordinal) || path.Length == HooksPrefix.Length || path.IndexOf('/', HooksPrefix.Length) >= 0)
        {
            await WriteAsync(context, 404, new WebhookReply { Error = "not found" }).ConfigureAwait(false);
            return;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await WriteAsync(context, 405, new WebhookReply { Error = "use POST" }).ConfigureAwait(false);
            return;
        }
        var body = await ReadBodyAsync(request, maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(context, 413, new WebhookReply { Error = $"payload too large (limit {maxBodyBytes} bytes)" }).ConfigureAwait(false);
            return;
        }
        var headers = new WebhookHeaders(request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())));
        var stack = Uri.UnescapeDataString(path[HooksPrefix.Length..]);
        var answer = await handler.HandleAsync(new WebhookDelivery(stack, headers, body, request.ContentType), context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, answer.Status, answer.Reply).ConfigureAwait(false);
    }

    /// <summary>The whole body, or null when it is longer than the limit (announced or counted while reading).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 16 * 1024, limit) + 1);
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(16 * 1024), ct).ConfigureAwait(false);
                if (read == 0) return buffer.WrittenSpan.ToArray();
                buffer.Advance(read);
                if (buffer.WrittenCount > limit) return null;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { return null; }
    }

    private static Task WriteAsync(HttpContext context, int status, WebhookReply reply)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(reply, Json) + "\n", context.RequestAborted);
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _app.StopAsync(timeout.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
