using Docker.DotNet.Models;
using Monitor.Agent.Stacks;
using Monitor.Control.Stacks;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests;

public sealed class RegistryDeployTests
{
    /// <summary>No registry:2 image can be pulled here, so the test packs Debian's docker-registry binary (with the libc
    /// it links) onto the busybox base: a registry:2-compatible image serving on :5000.</summary>
    private static async Task<string> BuildRegistryImageAsync(StackWorld world)
    {
        using var context = new TempDirectory();
        File.Copy("/usr/bin/docker-registry", context.File("registry"));
        File.Copy(Resolve("/lib/x86_64-linux-gnu/libc.so.6"), context.File("libc.so.6"));
        File.Copy(Resolve("/lib64/ld-linux-x86-64.so.2"), context.File("ld-linux-x86-64.so.2"));
        await File.WriteAllTextAsync(context.File("config.yml"), "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /var/lib/registry\nhttp:\n  addr: :5000\n");
        await File.WriteAllTextAsync(context.File("Dockerfile"), $"""
            FROM {TestImages.Busybox}
            COPY libc.so.6 /lib/x86_64-linux-gnu/libc.so.6
            COPY ld-linux-x86-64.so.2 /lib64/ld-linux-x86-64.so.2
            COPY registry /bin/registry
            COPY config.yml /etc/docker/registry/config.yml
            CMD ["/bin/registry", "serve", "/etc/docker/registry/config.yml"]
            """);
        var tag = $"{world.Prefix}-registry:2";
        await using var tar = await BuildContextTar.CreateAsync(context.Path, "Dockerfile", CancellationToken.None);
        await world.Docker.Images.BuildImageFromDockerfileAsync(new ImageBuildParameters { Tags = [tag], Remove = true }, tar, null, null, new Progress<JSONMessage>());
        return tag;
    }

    private static string Resolve(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    [Fact]
    public async Task Registry_deploy_runs_the_registry_as_a_stack_of_its_own_that_answers_the_v2_api()
    {
        await using var world = await StackWorld.StartAsync("reg", registry: false);
        var image = await BuildRegistryImageAsync(world);
        var port = FreePort.Next();
        var stacks = new StackService(world.Store, world.Agents, "tester",
            new RegistryConfig { Image = image, Port = port, BindAddress = "127.0.0.1", ContainerName = world.Prefix + "-registry" });

        var result = await stacks.DeployRegistryAsync("a");

        Assert.True(result.Success, string.Join("\n", result.Targets.Select(t => t.Message)));
        Assert.Contains("{}", await HttpProbe.WaitForAsync($"http://127.0.0.1:{port}/v2/", "{}"));
        Assert.Equal("registry", Assert.Single(await stacks.ListAsync()).Name);
        var record = Assert.Single(await world.Store.QueryActionsAsync(new ActionQuery { Stack = "registry", Type = StackActionTypes.Deploy }));
        Assert.True(record.Success);
        Assert.Equal(image, record.Result["image"]);
    }
}
