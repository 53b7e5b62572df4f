using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests;

/// <summary>Creates real containers from local/busybox for a test and removes them all at the end.</summary>
internal sealed class DockerTestContainers : IAsyncDisposable
{
    private readonly List<string> _created = [];
    public DockerClient Docker { get; } = new DockerClientConfiguration(new Uri("unix:///var/run/docker.sock")).CreateClient();

    public static string UniqueName(string area) => $"mt-{area}-{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<string> RunAsync(string name, params string[] command)
    {
        var created = await Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name, Image = TestImages.Busybox, Cmd = command,
        });
        _created.Add(created.ID);
        await Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return created.ID;
    }

    public async Task WaitExitedAsync(string id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Docker.Containers.WaitContainerAsync(id, cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _created)
        {
            try { await Docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }); }
            catch (DockerContainerNotFoundException) { }
        }
        Docker.Dispose();
    }
}
