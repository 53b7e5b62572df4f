using System.Collections.Concurrent;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Tui.Tests.Fakes;

public sealed class FakeContainerService : IContainerService
{
    public ConcurrentDictionary<string, List<ContainerSummary>> ByServer { get; } = new();
    public ConcurrentQueue<string> Calls { get; } = new();

    public void Put(string server, string name, string state = "running", string image = "local/busybox:latest")
    {
        var list = ByServer.GetOrAdd(server, _ => []);
        lock (list)
        {
            list.RemoveAll(c => c.Name == name);
            list.Add(new ContainerSummary("id-" + name, name, image, state, state == "running" ? "Up 5 minutes (healthy)" : "Exited (0) 1 minute ago", null, DateTimeOffset.UtcNow.AddMinutes(-5),
                [new PortMapping(80, 8080, "tcp", "0.0.0.0")], new Dictionary<string, string>()));
        }
    }

    public Task<IReadOnlyList<ContainerSummary>> ListAsync(string server, bool all = true, CancellationToken ct = default)
    {
        var list = ByServer.GetOrAdd(server, _ => []);
        lock (list) return Task.FromResult<IReadOnlyList<ContainerSummary>>(list.ToList());
    }

    public Task<ContainerDetails> InspectAsync(string server, string container, CancellationToken ct = default)
    {
        var c = Find(server, container);
        return Task.FromResult(new ContainerDetails(c.Id, c.Name, c.Image, "sha256:abc", c.State, null, null, c.Created, c.Created, null, 0,
            c.Ports, c.Labels, ["SECRET=hidden"], ["sleep", "3600"]));
    }

    public Task<ContainerStats> StatsAsync(string server, string container, CancellationToken ct = default) =>
        Task.FromResult(new ContainerStats(container, container, DateTimeOffset.UtcNow, 3, 10 * 1024 * 1024, 0, 0, 0, 0, 0, 1));

    public Task<ContainerActionResult> StartAsync(string server, string container, CancellationToken ct = default) => Set(server, container, "start", "running");
    public Task<ContainerActionResult> StopAsync(string server, string container, CancellationToken ct = default) => Set(server, container, "stop", "exited");
    public Task<ContainerActionResult> RestartAsync(string server, string container, CancellationToken ct = default) => Set(server, container, "restart", "running");

    public Task<ContainerActionResult> RemoveAsync(string server, string container, bool force = false, CancellationToken ct = default)
    {
        var c = Find(server, container);
        Calls.Enqueue($"remove {server}/{container}");
        var list = ByServer[server];
        lock (list) list.Remove(c);
        return Task.FromResult(new ContainerActionResult(c.Id, c.Name, "removed"));
    }

    private Task<ContainerActionResult> Set(string server, string container, string verb, string state)
    {
        var c = Find(server, container);
        Calls.Enqueue($"{verb} {server}/{container}"); // as the pane passed it: the history records it as the target
        Put(server, c.Name, state, c.Image);
        return Task.FromResult(new ContainerActionResult(c.Id, c.Name, state));
    }

    private ContainerSummary Find(string server, string container)
    {
        var list = ByServer.GetOrAdd(server, _ => []);
        lock (list)
            return list.FirstOrDefault(c => c.Id == container || c.Name == container)
                   ?? throw new OperationFailedException($"Container '{container}' does not exist on {server}.");
    }
}
