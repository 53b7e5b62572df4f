// One Monitor deploy of a built stack (git fetch → build → tag → push → two targets pull/replace/wait), through the
// real console → WebSocket → two real monitor-agent hosts (in this process, on loopback ports) → the real engine,
// git repo and registry.
// Usage: deploy-bench STORE WORKDIR REPO REGISTRY NAME PORT_A PORT_B
using System.Diagnostics;
using Docker.DotNet;
using Monitor.Control.Stacks;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Agent.Hosting;
using Monitor.Control.Agents;
using Monitor.Shared.Security;

if (args.Length != 7) { Console.Error.WriteLine("usage: deploy-bench STORE WORKDIR REPO REGISTRY NAME PORT_A PORT_B"); return 2; }
var (storePath, work, repo, registry, name, portA, portB) = (args[0], args[1], args[2], args[3], args[4], args[5], args[6]);
var clock = Stopwatch.StartNew();
await using var store = new SqliteStateStore(storePath);
await store.MigrateAsync();
Directory.CreateDirectory(work);
using var key = ConsoleKeyPair.Generate();
var authorized = Path.Combine(work, "authorized_keys");
await File.WriteAllTextAsync(authorized, key.PublicKeyLine("bench") + "\n");
var hosts = new Dictionary<string, AgentHost>();
foreach (var server in new[] { "a", "b" })
{
    var port = System.Net.Sockets.TcpListener.Create(0) is var l ? Free(l) : 0;
    hosts[server] = await AgentHost.StartAsync(new AgentConfig
    {
        Listen = $"127.0.0.1:{port}", AuthorizedKeys = authorized,
        WorkDir = Directory.CreateDirectory(Path.Combine(work, server)).FullName,
    });
    await store.UpsertServerAsync(new ServerInfo { Name = server, Url = hosts[server].Url.ToString().TrimEnd('/') });
}
var agents = new AgentClientFactory(ConsoleKeyPair.FromPem(File.ReadAllText(SavePem(key, work))), "bench");
var stacks = new StackService(store, agents, "bench", new RegistryConfig { Address = registry });
await stacks.SaveAsync(new StackConfig
{
    Name = name,
    Repo = new StackRepoConfig { Url = repo, Branch = "main" },
    Build = new StackBuildConfig { Server = "a" },
    Deploy = new StackDeployConfig
    {
        Targets = ["a", "b"], ContainerName = name,
        Overrides = new()
        {
            ["a"] = new StackTargetOverride { Ports = [$"127.0.0.1:{portA}:8080"] },
            ["b"] = new StackTargetOverride { ContainerName = name + "-b", Ports = [$"127.0.0.1:{portB}:8080"] },
        },
    },
});
var setup = clock.Elapsed;
var result = await stacks.DeployAsync(name);
Console.WriteLine($"monitor deploy {result.Version} success={result.Success} pipeline={(clock.Elapsed - setup).TotalSeconds:0.000}s setup={setup.TotalSeconds:0.000}s");
await agents.DisposeAsync();
foreach (var host in hosts.Values) await host.DisposeAsync();
return result.Success ? 0 : 1;

static int Free(System.Net.Sockets.TcpListener listener)
{
    listener.Start();
    var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

static string SavePem(ConsoleKeyPair key, string dir)
{
    var path = Path.Combine(dir, "console_key.pem");
    key.Save(path, "bench");
    return path;
}
