using Docker.DotNet;
using Monitor.Control.Stacks;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Support;

/// <summary>Everything a pipeline test needs: a SQLite store, the real registry, two targets ("a" builds) on the real
/// engine, and the stack service wired to them. Disposing removes every container/image with <see cref="Prefix"/>.</summary>
public sealed class StackWorld : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();

    private StackWorld(string prefix) => Prefix = prefix;

    public string Prefix { get; }
    public DockerClient Docker { get; } = DockerCleanup.Client();
    public SqliteStateStore Store { get; private set; } = null!;
    public LocalRegistry Registry { get; private set; } = null!;
    public InProcessAgent A { get; private set; } = null!;
    public InProcessAgent B { get; private set; } = null!;
    public StackService Stacks { get; private set; } = null!;
    /// <summary>The agent clients <see cref="Stacks"/> uses (real WebSocket clients with realAgents).</summary>
    public Monitor.Control.Agents.IAgentClientFactory Agents { get; private set; } = null!;
    public RegistryConfig? RegistryConfig { get; private set; }
    /// <summary>The real agents behind "a" and "b" (with realAgents).</summary>
    public IReadOnlyList<TestAgent> RealAgents => _agents;
    private readonly List<TestAgent> _agents = [];
    private Monitor.Control.Agents.IAgentClientFactory? _clients;

    /// <summary>With <paramref name="realAgents"/>, targets "a" and "b" are two real monitor-agents (TestAgent) reached
    /// through the console's WebSocket client; otherwise the in-process stand-ins.</summary>
    public static async Task<StackWorld> StartAsync(string area, bool registry = true, bool realAgents = false, Action<AgentConfig>? configureAgents = null)
    {
        var world = new StackWorld(DockerCleanup.Prefix(area));
        world.Store = new SqliteStateStore(world._dir.File("monitor.db"));
        await world.Store.MigrateAsync();
        if (registry) world.Registry = await LocalRegistry.StartAsync();
        world.A = new InProcessAgent("a", world.Docker, Directory.CreateDirectory(world._dir.File("work-a")).FullName);
        world.B = new InProcessAgent("b", world.Docker, Directory.CreateDirectory(world._dir.File("work-b")).FullName);
        Monitor.Control.Agents.IAgentClientFactory agents;
        if (realAgents)
        {
            var first = await TestAgent.StartAsync(configureAgents);
            world._agents.Add(first);
            world._agents.Add(await TestAgent.StartAsync(c => { configureAgents?.Invoke(c); c.AuthorizedKeys = first.Config.AuthorizedKeys; }));
            await world.Store.UpsertServerAsync(new ServerInfo { Name = "a", Url = first.Url.ToString() });
            await world.Store.UpsertServerAsync(new ServerInfo { Name = "b", Url = world._agents[1].Url.ToString() });
            agents = world._clients = new Monitor.Control.Agents.AgentClientFactory(first.ConsoleKey, "tester",
                new Monitor.Control.Agents.AgentClientOptions { RequestTimeout = TimeSpan.FromMinutes(5) });
        }
        else
        {
            foreach (var name in new[] { "a", "b" })
                await world.Store.UpsertServerAsync(new ServerInfo { Name = name, Url = $"ws://127.0.0.1:1/{name}" });
            agents = new InProcessAgentFactory(new Dictionary<string, InProcessAgent> { ["a"] = world.A, ["b"] = world.B });
        }
        world.Agents = agents;
        world.RegistryConfig = registry ? new RegistryConfig { Address = world.Registry.Address } : null;
        world.Stacks = new StackService(world.Store, agents, "tester", world.RegistryConfig);
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
