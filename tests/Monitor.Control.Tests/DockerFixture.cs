using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.TestSupport;

namespace Monitor.Control.Tests;

/// <summary>Real containers from local/busybox, removed at the end of the test.</summary>
internal sealed class DockerFixture : IAsyncDisposable
{
    private readonly List<string> _names = [];
    public DockerClient Docker { get; } = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();

    public async Task<string> RunAsync(params string[] command)
    {
        var name = $"mt-console-{Guid.NewGuid().ToString("N")[..8]}";
        var created = await Docker.Containers.CreateContainerAsync(new CreateContainerParameters { Name = name, Image = TestImages.Busybox, Cmd = command });
        _names.Add(name);
        await Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return name;
    }

    public async Task<string> StateAsync(string name) => (await Docker.Containers.InspectContainerAsync(name)).State.Status;

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _names)
        {
            try { await Docker.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true }); }
            catch (DockerContainerNotFoundException) { }
        }
        Docker.Dispose();
    }
}
