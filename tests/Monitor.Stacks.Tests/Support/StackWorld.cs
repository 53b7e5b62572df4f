using Docker.DotNet;
using Monitor.Control.Agents;
using Monitor.Control.Stacks;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Support;

/// <summary>Everything a pipeline test needs: a SQLite store, the real registry, two real monitor-agents ("a" builds)
/// reached through the console's WebSocket client, on the real engine, and the stack service wired to them.
/// Disposing removes every container/image with <see cref="Prefix"/>.</summary>
public sealed class StackWorld : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();

    private StackWorld(string prefix) => Prefix = prefix;

    public string Prefix { get; }
    public DockerClient Docker { get; } = DockerCleanup.Client();
    public SqliteStateStore Store { get; private set; } = null!;
    public LocalRegistry Registry { get; private set; } = null!;
    /// <summary>The console's client of agent "a" (the build server) and "b".</summary>
    public IAgentClient A { get; private set; } = null!;
    public IAgentClient B { get; private set; } = null!;
    /// <summary>Agent "a"'s work dir (repos, build contexts).</summary>
    public string WorkDirA => _agents[0].WorkDir;
    public StackService Stacks { get; private set; } = null!;
    /// <summary>The agent clients <see cref="Stacks"/> uses (real WebSocket clients).</summary>
    public IAgentClientFactory Agents { get; private set; } = null!;
    public RegistryConfig? RegistryConfig { get; private set; }
    /// <summary>The real agents behind "a" and "b".</summary>
    public IReadOnlyList<TestAgent> RealAgents => _agents;
    private readonly List<TestAgent> _agents = [];
    private AgentClientFactory? _clients;

    /// <summary>Targets "a" and "b" are two real monitor-agents (TestAgent, configured by <paramref name="configureAgents"/>)
    /// reached through the console's WebSocket client.</summary>
    public static async Task<StackWorld> StartAsync(string area, bool registry = true, Action<AgentConfig>? configureAgents = null)
    {
        var world = new StackWorld(DockerCleanup.Prefix(area));
        world.Store = new SqliteStateStore(world._dir.File("monitor.db"));
        await world.Store.MigrateAsync();
        if (registry) world.Registry = await LocalRegistry.StartAsync();
        var first = await TestAgent.StartAsync(configureAgents);
        world._agents.Add(first);
        world._agents.Add(await TestAgent.StartAsync(c => { configureAgents?.Invoke(c); c.AuthorizedKeys = first.Config.AuthorizedKeys; }));
        var a = new ServerInfo { Name = "a", Url = first.Url.ToString() };
        var b = new ServerInfo { Name = "b", Url = world._agents[1].Url.ToString() };
        await world.Store.UpsertServerAsync(a);
        await world.Store.UpsertServerAsync(b);
        world.Agents = world._clients = new AgentClientFactory(first.ConsoleKey, "tester", new AgentClientOptions { RequestTimeout = TimeSpan.FromMinutes(5) });
        (world.A, world.B) = (world.Agents.Get(a), world.Agents.Get(b));
        world.RegistryConfig = registry ? new RegistryConfig { Address = world.Registry.Address } : null;
        world.Stacks = new StackService(world.Store, world.Agents, "tester", world.RegistryConfig);
        return world;
    }

    /// <summary>A stack service over the same store, agents and registry that records its actions as <paramref name="user"/>.</summary>
    public StackService StacksAs(string user) => new(Store, Agents, user, RegistryConfig);

    public async ValueTask DisposeAsync()
    {
        if (_clients is not null) await _clients.DisposeAsync();
        foreach (var agent in Enumerable.Reverse(_agents)) await agent.DisposeAsync();
        await DockerCleanup.RemoveAsync(Docker, Prefix);
        if (Registry is not null) await Registry.DisposeAsync();
        await Store.DisposeAsync();
        Docker.Dispose();
        _dir.Dispose();
    }
}
