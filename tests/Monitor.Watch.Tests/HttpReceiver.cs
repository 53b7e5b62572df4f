using System.Collections.Concurrent;
using System.Net;
using Monitor.TestSupport;

namespace Monitor.Watch.Tests;

/// <summary>A local HTTP receiver standing in for Slack, Discord, ntfy and webhook endpoints: records every request;
/// paths starting with /fail answer 500.</summary>
internal sealed class HttpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public HttpReceiver()
    {
        var port = FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }
    public ConcurrentQueue<Received> Requests { get; } = new();

    public IReadOnlyList<Received> At(string path) => Requests.Where(r => r.Path == path).ToList();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new Received(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType, headers, body));
            context.Response.StatusCode = context.Request.Url.AbsolutePath.StartsWith("/fail", StringComparison.Ordinal) ? 500 : 200;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}

internal sealed record Received(string Method, string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body);
