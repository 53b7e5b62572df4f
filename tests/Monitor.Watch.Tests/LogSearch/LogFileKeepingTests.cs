using System.Globalization;
using Monitor.Control.LogSearch;
using Monitor.Control.Store;
using Monitor.TestSupport;

namespace Monitor.Watch.Tests.LogSearch;

/// <summary>App log files (format v1) kept through a real agent: discovered by pattern, entries with their levels, and
/// shipping resumes after an agent restart at the file's cursor with nothing lost or repeated.</summary>
public sealed class LogFileKeepingTests
{
    [Fact]
    public async Task A_kept_log_file_is_shipped_with_levels_and_resumes_after_an_agent_restart()
    {
        var (backend, store) = await StoreBackend.CreateAsync("sqlite");
        await using var _ = backend;
        await using var fixture = new LogKeeperFixture();
        using var dir = new TempDirectory();
        var logDir = Directory.CreateDirectory(dir.File("logs")).FullName;
        await using var agent = await TestAgent.StartAsync(c => c.LogFileDirs = [logDir]);
        await fixture.RegisterAsync(store, "mt-ls-a", agent);
        var path = Path.Combine(logDir, "billing_log_0001");
        var t0 = DateTimeOffset.UtcNow;
        string Ts(int i) => t0.AddMilliseconds(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(path, $"#monitor-log/1\tbilling\t{Environment.ProcessId}\troot\t{Ts(0)}\n");
        async Task WriteAsync(int from, int to)
        {
            for (var i = from; i < to; i++)
                await File.AppendAllTextAsync(path, $"{Ts(i)}\t{(i % 10 == 0 ? "ERROR" : "INFO")}\tcharge {i}\n");
        }
        await WriteAsync(0, 50);

        var plan = new LogKeepPlan([LogKeepEntry.Parse($"logfile:{logDir}/billing_log_*")], new Dictionary<string, IReadOnlyList<LogKeepEntry>>());
        fixture.Keeper(store, agent, plan, "keeper");
        var source = "logfile:" + path;
        var archive = (ILogArchive)store;
        async Task<List<KeptLogLine>> KeptAsync() => (await archive.SearchLogLinesAsync(new LogSearchQuery(Source: source, Limit: 10_000))).Reverse().ToList();
        await Eventually.HoldsAsync(async () => (await KeptAsync()).Count == 50, "50 entries kept");

        await agent.StopAsync();
        await WriteAsync(50, 80);
        await agent.StartAgainAsync();
        await WriteAsync(80, 100);
        await Eventually.HoldsAsync(async () => (await KeptAsync()).Count >= 100, "100 entries kept");

        var kept = await KeptAsync();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"charge {i}"), kept.Select(l => l.Message));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i % 10 == 0 ? "error" : "info"), kept.Select(l => l.Level));
        var errors = await new LogSearchService(store).SearchAsync(new LogSearchRequest("charge", Level: "error", Limit: 1000));
        Assert.Equal(10, errors.Lines.Count);
    }
}
