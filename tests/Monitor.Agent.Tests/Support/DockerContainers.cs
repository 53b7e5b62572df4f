using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Support;

/// <summary>Creates busybox containers named mt-agent-&lt;run&gt;-... on the real Docker engine and removes them all on dispose.</summary>
public sealed class DockerContainers : IAsyncDisposable
{
    private readonly List<string> _created = [];
    public DockerClient Client { get; } = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();
    public string Prefix { get; } = $"mt-agent-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Creates (and optionally starts) a container running <c>sh -c script</c>; returns its name.</summary>
    public async Task<string> RunAsync(string suffix, string script, bool start = true, bool tty = false, IDictionary<string, string>? labels = null)
    {
        var name = $"{Prefix}-{suffix}";
        await Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = TestImages.Busybox,
            Cmd = ["sh", "-c", script],
            Tty = tty,
            Labels = labels ?? new Dictionary<string, string> { ["monitor.test"] = Prefix },
            StopTimeout = TimeSpan.FromSeconds(1),
        });
        _created.Add(name);
        if (start) await Client.Containers.StartContainerAsync(name, new ContainerStartParameters());
        return name;
    }

    /// <summary>Polls Docker until the container's state satisfies <paramref name="condition"/>.</summary>
    public async Task WaitUntilAsync(string name, Func<State, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var state = (await Client.Containers.InspectContainerAsync(name)).State!;
            if (condition(state)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} never reached the expected state (now {state.Status})");
            await Task.Delay(50);
        }
    }

    public async Task<bool> ExistsAsync(string name)
    {
        var all = await Client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return all.Any(c => c.Names.Contains("/" + name));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _created)
        {
            try { await Client.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true }); }
            catch (DockerContainerNotFoundException) { }
        }
        Client.Dispose();
    }
}
