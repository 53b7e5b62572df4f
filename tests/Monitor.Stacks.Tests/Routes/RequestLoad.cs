using System.Diagnostics;

namespace Monitor.Stacks.Tests.Routes;

/// <summary>Sends requests one after another, as fast as they are answered, until stopped; records every answer (body,
/// or the failure) with its latency.</summary>
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
                    using var response = await client.GetAsync(url, _stop.Token);
                    var body = (await response.Content.ReadAsStringAsync(_stop.Token)).Trim();
                    answer = response.IsSuccessStatusCode ? (body, true) : ($"{(int)response.StatusCode} {body}", false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested) { break; }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException) { answer = (ex.GetBaseException().Message, false); }
                lock (_answers) _answers.Add((answer.Item1, answer.Item2, watch.Elapsed.TotalMilliseconds));
            }
        });
    }

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
