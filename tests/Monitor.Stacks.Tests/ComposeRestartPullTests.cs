using Docker.DotNet.Models;
using Monitor.Control.Services;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests;

/// <summary>`stack restart --pull`: newer images are pulled from the registry and only the changed service is recreated.</summary>
public sealed class ComposeRestartPullTests
{
    [Fact]
    public async Task Restart_with_pull_recreates_only_the_service_whose_image_changed()
    {
        await using var world = await StackWorld.StartAsync("docker", registry: true);
        var app = $"{world.Registry.Address}/{world.Prefix}-app";
        var side = $"{world.Registry.Address}/{world.Prefix}-side";
        var source = await world.Docker.Containers.CreateContainerAsync(new CreateContainerParameters { Name = $"{world.Prefix}-src", Image = TestImages.Busybox, Cmd = ["true"] });
        var v1 = await CommitAsync(world, source.ID, app, "1");
        try
        {
            await RestartPullAsync(world, source.ID, app, side, v1);
        }
        finally
        {
            // v1 loses its tag to the pulled v2: remove it by id (the prefix cleanup only finds tagged images)
            await world.Docker.Containers.RemoveContainerAsync(source.ID, new ContainerRemoveParameters { Force = true });
            await DockerCleanup.RemoveAsync(world.Docker, world.Prefix);
            try { await world.Docker.Images.DeleteImageAsync(v1, new ImageDeleteParameters { Force = true }); } catch (Docker.DotNet.DockerApiException) { }
        }
    }

    private static async Task RestartPullAsync(StackWorld world, string sourceId, string app, string side, string v1)
    {
        await PushAsync(world, app);
        await world.Docker.Images.TagImageAsync(TestImages.Busybox, new ImageTagParameters { RepositoryName = side, Tag = "latest" });
        await PushAsync(world, side);

        var yaml = $"""
            version: "2.4"
            services:
              app:
                image: {app}:latest
                command: ["sleep", "3600"]
              side:
                image: {side}:latest
                command: ["sleep", "3600"]
            """;
        await world.Stacks.SaveAsync(new StackConfig { Name = world.Prefix, Compose = new StackComposeConfig { Inline = yaml }, Deploy = new StackDeployConfig { Targets = ["a"] } });
        var up = await world.Stacks.StartAsync(world.Prefix);
        Assert.All(up, t => Assert.True(t.Success, t.Message));
        var before = await ContainersAsync(world);

        // v2 of app reaches the registry; this server still has v1 under the tag, so only a pull can bring it
        await CommitAsync(world, sourceId, app, "2");
        await PushAsync(world, app);
        await world.Docker.Images.TagImageAsync(v1, new ImageTagParameters { RepositoryName = app, Tag = "latest" });

        var restarted = await world.Stacks.RestartPullingAsync(world.Prefix);
        Assert.All(restarted, t => Assert.True(t.Success, t.Message));
        var after = await ContainersAsync(world);
        Assert.NotEqual(before["app"].ID, after["app"].ID);
        Assert.Equal("2", (await world.Docker.Images.InspectImageAsync(after["app"].ImageID)).Config.Labels["mt.version"]);
        Assert.Equal(before["side"].ID, after["side"].ID);
        Assert.All(after.Values, c => Assert.Equal("running", c.State));

        var record = (await world.Store.QueryActionsAsync(new ActionQuery { Stack = world.Prefix })).OrderBy(r => r.Id).Last();
        Assert.Equal(StackActionTypes.Restart, record.Type);
        Assert.Equal("true", record.Parameters["pull"]);
        Assert.Contains("[compose-pull a]", record.Output);
    }

    [Fact]
    public async Task Restart_with_pull_of_a_one_image_stack_points_to_deploy()
    {
        await using var world = await StackWorld.StartAsync("docker", registry: false);
        await world.Stacks.SaveAsync(new StackConfig { Name = world.Prefix, Image = TestImages.Busybox, Deploy = new StackDeployConfig { Targets = ["a"] } });
        var e = await Assert.ThrowsAsync<OperationFailedException>(() => world.Stacks.RestartPullingAsync(world.Prefix));
        Assert.Contains($"monitor stack deploy {world.Prefix}", e.Message);
    }

    private static async Task<string> CommitAsync(StackWorld world, string container, string repository, string version) =>
        (await world.Docker.Images.CommitContainerChangesAsync(new CommitContainerChangesParameters
        {
            ContainerID = container, RepositoryName = repository, Tag = "latest",
            Labels = new Dictionary<string, string> { ["mt.version"] = version },
        })).ID;

    private static Task PushAsync(StackWorld world, string repository) =>
        world.Docker.Images.PushImageAsync(repository, new ImagePushParameters { Tag = "latest" }, new AuthConfig(), new Progress<JSONMessage>());

    private static async Task<Dictionary<string, Docker.DotNet.Models.ContainerListResponse>> ContainersAsync(StackWorld world)
    {
        var list = await world.Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"com.docker.compose.project={world.Prefix}"] = true } },
        });
        return list.ToDictionary(c => c.Labels["com.docker.compose.service"]);
    }
}
