using System.Collections.Concurrent;
using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.Control.Agents;
using Monitor.Control.LogSearch;
using Monitor.Control.Store;
using Monitor.Shared.Models;
using Monitor.TestSupport;

namespace Monitor.Watch.Tests.LogSearch;

/// <summary>Real containers that print numbered lines ("seq N"), a store, and log keepers shipping them from real agents.</summary>
internal sealed class LogKeeperFixture : IAsyncDisposable
{
    private readonly List<LogKeeper> _keepers = [];
    private readonly List<AgentClientFactory> _factories = [];

    public DockerClient Docker { get; } = DockerCleanup.Client();
    public string Prefix { get; } = DockerCleanup.Prefix("logsearch");
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Starts a container printing "seq 0", "seq 1", ... (<paramref name="perBurst"/> lines, then a short pause) until stopped.</summary>
    public async Task<string> StartCounterAsync(string suffix, string text = "seq", int perBurst = 20)
    {
        var name = $"{Prefix}-{suffix}";
        var script = $"i=0; while true; do j=0; while [ $j -lt {perBurst} ]; do echo \"{text} $i\"; i=$((i+1)); j=$((j+1)); done; usleep 20000; done";
        await Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name, Image = TestImages.Busybox, Cmd = ["sh", "-c", script], StopTimeout = TimeSpan.FromSeconds(1),
            HostConfig = new HostConfig { NetworkMode = "none" }, // logs only: no network needed
        });
        await Docker.Containers.StartContainerAsync(name, new ContainerStartParameters());
        return name;
    }

    public async Task StopAsync(string container) =>
        await Docker.Containers.KillContainerAsync(container, new ContainerKillParameters());

    public async Task RegisterAsync(IStateStore store, string server, TestAgent agent) =>
        await store.UpsertServerAsync(new ServerInfo { Name = server, Url = agent.Url.ToString().TrimEnd('/'), Added = DateTimeOffset.UtcNow });

    public LogKeeper Keeper(IStateStore store, TestAgent agent, LogKeepPlan plan, string owner)
    {
        var agents = new AgentClientFactory(agent.ConsoleKey, owner);
        _factories.Add(agents);
        var keeper = new LogKeeper(store, agents, plan, new LogsSettings(TimeSpan.FromDays(14), long.MaxValue), null, Log.Enqueue,
            round: TimeSpan.FromMilliseconds(300));
        _keepers.Add(keeper);
        keeper.Start();
        return keeper;
    }

    public async Task DisposeKeeperAsync(LogKeeper keeper)
    {
        _keepers.Remove(keeper);
        await keeper.DisposeAsync();
    }

    /// <summary>The numbers of a source's kept "seq N" lines, in the order they were stored.</summary>
    public static async Task<List<int>> KeptNumbersAsync(IStateStore store, string server, string source)
    {
        var lines = await ((ILogArchive)store).SearchLogLinesAsync(new LogSearchQuery(Server: server, Source: source, Limit: 1_000_000));
        return lines.Reverse().Select(l => int.Parse(l.Message.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>The last number the container printed (from Docker itself, not through an agent).</summary>
    public async Task<int> LastPrintedAsync(string container)
    {
        var stream = await Docker.Containers.GetContainerLogsAsync(container, false, new ContainerLogsParameters { ShowStdout = true, Tail = "1" });
        var (stdout, _) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        return int.Parse(stdout.Trim().Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every line 0..last exactly once and in order: nothing lost, nothing repeated.</summary>
    public static void AssertComplete(IReadOnlyList<int> kept, int last)
    {
        var duplicates = kept.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).Take(10).ToList();
        Assert.True(duplicates.Count == 0, "kept twice: " + string.Join(", ", duplicates));
        var missing = Enumerable.Range(0, last + 1).Except(kept).Take(10).ToList();
        Assert.True(missing.Count == 0, "lost: " + string.Join(", ", missing));
        Assert.Equal(Enumerable.Range(0, last + 1), kept);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var keeper in _keepers) await keeper.DisposeAsync();
        foreach (var agents in _factories) await agents.DisposeAsync();
        await DockerCleanup.RemoveAsync(Docker, Prefix);
        Docker.Dispose();
    }
}
