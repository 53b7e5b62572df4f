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

    public static async Task<StackWorld> StartAsync(string area, bool registry = true)
    {
        var world = new StackWorld(DockerCleanup.Prefix(area));
        world.Store = new SqliteStateStore(world._dir.File("monitor.db"));
        await world.Store.MigrateAsync();
        if (registry) world.Registry = await LocalRegistry.StartAsync();
        world.A = new InProcessAgent("a", world.Docker, Directory.CreateDirectory(world._dir.File("work-a")).FullName);
        world.B = new InProcessAgent("b", world.Docker, Directory.CreateDirectory(world._dir.File("work-b")).FullName);
        foreach (var name in new[] { "a", "b" })
            await world.Store.UpsertServerAsync(new ServerInfo { Name = name, Url = $"ws://127.0.0.1:1/{name}" });
        var agents = new InProcessAgentFactory(new Dictionary<string, InProcessAgent> { ["a"] = world.A, ["b"] = world.B });
        world.Stacks = new StackService(world.Store, agents, "tester", registry ? new RegistryConfig { Address = world.Registry.Address } : null);
        return world;
    }

    public async ValueTask DisposeAsync()
    {
        await DockerCleanup.RemoveAsync(Docker, Prefix);
        if (Registry is not null) await Registry.DisposeAsync();
        await Store.DisposeAsync();
        Docker.Dispose();
        _dir.Dispose();
    }
}
