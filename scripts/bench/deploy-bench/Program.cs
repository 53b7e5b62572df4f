// One Monitor deploy of a built stack (git fetch → build → tag → push → two targets pull/replace/wait), through the
// real stack handlers on the real engine, git repo and registry; the WebSocket hop is replaced by in-process calls.
// Usage: deploy-bench STORE WORKDIR REPO REGISTRY NAME PORT_A PORT_B
using System.Diagnostics;
using Docker.DotNet;
using Monitor.Control.Stacks;
using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Stacks.Tests.Support;

if (args.Length != 7) { Console.Error.WriteLine("usage: deploy-bench STORE WORKDIR REPO REGISTRY NAME PORT_A PORT_B"); return 2; }
var (storePath, work, repo, registry, name, portA, portB) = (args[0], args[1], args[2], args[3], args[4], args[5], args[6]);
var clock = Stopwatch.StartNew();
await using var store = new SqliteStateStore(storePath);
await store.MigrateAsync();
using var docker = new DockerClientConfiguration(new Uri("unix:///var/run/docker.sock")).CreateClient();
var agents = new Dictionary<string, InProcessAgent>
{
    ["a"] = new("a", docker, Directory.CreateDirectory(Path.Combine(work, "a")).FullName),
    ["b"] = new("b", docker, Directory.CreateDirectory(Path.Combine(work, "b")).FullName),
};
foreach (var server in agents.Keys) await store.UpsertServerAsync(new ServerInfo { Name = server, Url = $"ws://127.0.0.1:1/{server}" });
var stacks = new StackService(store, new InProcessAgentFactory(agents), "bench", new RegistryConfig { Address = registry });
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
return result.Success ? 0 : 1;
