using System.Net;
using System.Text;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Support;

/// <summary>A git server over git's "dumb" HTTP protocol (static files of a bare repo after update-server-info) on a
/// loopback port, behind HTTP Basic auth with one user and token, like a forge's https endpoint.</summary>
public sealed class DumbHttpGitServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly string _expected;
    private readonly Task _serving;
    private int _authorized, _refused;

    private DumbHttpGitServer(string root, string user, string token)
    {
        _root = Path.GetFullPath(root);
        _expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{token}"));
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }
    public int AuthorizedRequests => Volatile.Read(ref _authorized);
    public int RefusedRequests => Volatile.Read(ref _refused);

    public static DumbHttpGitServer Start(string root, string user, string token) => new(root, user, token);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var response = context.Response;
            if (context.Request.Headers["Authorization"] != _expected)
            {
                Interlocked.Increment(ref _refused);
                response.StatusCode = 401;
                response.AddHeader("WWW-Authenticate", "Basic realm=\"git\"");
                continue;
            }
            Interlocked.Increment(ref _authorized);
            var path = Path.GetFullPath(Path.Combine(_root, Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.TrimStart('/'))));
            if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            {
                response.StatusCode = 404;
                continue;
            }
            var bytes = await File.ReadAllBytesAsync(path);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _serving; } catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException) { }
    }
}
