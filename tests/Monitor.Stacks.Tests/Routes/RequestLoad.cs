using System.Diagnostics;

namespace Monitor.Stacks.Tests.Routes;

/// <summary>Sends requests one after another, as fast as they are answered, until stopped; records every answer (body,
/// or the failure) with its latency. Like a browser (RFC 9110 9.2.2: idempotent requests may be retried), a GET whose
/// kept-alive connection was reset before any response header arrived is sent once more on a new connection: Caddy
/// closes idle keep-alive connections when its config is reloaded, and a request racing that close is not a dropped
/// request. Such retries are counted in <see cref="Retried"/>; a second failure, or any error status, is a failure.</summary>
public sealed class RequestLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<(string Body, bool Ok, double Ms)> _answers = [];

    public RequestLoad(HttpClient client, string url)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var watch = Stopwatch.StartNew();
                (string, bool) answer;
                try
                {
                    using var response = await GetRetryingResetAsync(client, url);
                    var body = (await response.Content.ReadAsStringAsync(_stop.Token)).Trim();
                    answer = response.IsSuccessStatusCode ? (body, true) : ($"{(int)response.StatusCode} {body}", false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested) { break; }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException) { answer = (ex.GetBaseException().Message, false); }
                lock (_answers) _answers.Add((answer.Item1, answer.Item2, watch.Elapsed.TotalMilliseconds));
            }
        });
    }

    private async Task<HttpResponseMessage> GetRetryingResetAsync(HttpClient client, string url)
    {
        try
        {
            return await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        }
        catch (HttpRequestException ex) when (IsConnectionReset(ex) && !_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _retried);
            return await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        }
    }

    private static bool IsConnectionReset(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded
        || ex.GetBaseException() is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset }
        || ex.InnerException is IOException;

    private int _retried;

    /// <summary>Requests sent a second time because their connection was reset before any response header.</summary>
    public int Retried => Volatile.Read(ref _retried);

    public IReadOnlyList<(string Body, bool Ok, double Ms)> Answers { get { lock (_answers) return _answers.ToList(); } }

    public IReadOnlyList<string> Failures => Answers.Where(a => !a.Ok).Select(a => a.Body).ToList();

    /// <summary>Waits until at least <paramref name="count"/> more answers came (so a phase is really under load).</summary>
    public async Task AtLeastAsync(int count)
    {
        var target = Answers.Count + count;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Answers.Count < target && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    public async Task<IReadOnlyList<(string Body, bool Ok, double Ms)>> StopAsync()
    {
        _stop.Cancel();
        await _loop;
        return Answers;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }
}
