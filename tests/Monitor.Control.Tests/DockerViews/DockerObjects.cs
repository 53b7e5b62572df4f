using Docker.DotNet;
using Docker.DotNet.Models;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.DockerViews;

/// <summary>Real Docker objects named mt-docker-&lt;id&gt;-*, all removed at the end of the test (also after failures).</summary>
internal sealed class DockerObjects : IAsyncDisposable
{
    public string Prefix { get; } = DockerCleanup.Prefix("docker");
    public DockerClient Docker { get; } = DockerCleanup.Client();

    public async Task<string> RunAsync(string suffix, string[] command, Action<CreateContainerParameters>? configure = null)
    {
        var name = $"{Prefix}-{suffix}";
        var parameters = new CreateContainerParameters { Name = name, Image = TestImages.Busybox, Cmd = command, HostConfig = new HostConfig() };
        configure?.Invoke(parameters);
        var created = await Docker.Containers.CreateContainerAsync(parameters);
        await Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        await DockerCleanup.RemoveAsync(Docker, Prefix);
        Docker.Dispose();
    }
}
