using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Support;

/// <summary>Busybox containers named mt-console-&lt;run&gt;-... on the real Docker engine; all removed on dispose.</summary>
public sealed class TestContainers : IAsyncDisposable
{
    private readonly List<string> _names = [];

    public DockerClient Docker { get; } = new DockerClientConfiguration(new Uri("unix:///var/run/docker.sock")).CreateClient();
    public string Prefix { get; } = $"mt-console-{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<string> CreateAsync(string suffix, string script, bool start = true)
    {
        var name = $"{Prefix}-{suffix}";
        _names.Add(name);
        await Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = TestImages.Busybox,
            Cmd = ["sh", "-c", script],
            StopTimeout = TimeSpan.FromSeconds(1),
            StopSignal = "SIGKILL",
        });
        if (start) await Docker.Containers.StartContainerAsync(name, new ContainerStartParameters());
        return name;
    }

    public async Task<ContainerState?> StateAsync(string name)
    {
        try { return (await Docker.Containers.InspectContainerAsync(name)).State; }
        catch (DockerContainerNotFoundException) { return null; }
    }

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
