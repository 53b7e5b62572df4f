using Monitor.Control.Tui;
using Monitor.Shared.Config;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests;

/// <summary>What the TUI's Stacks pane shows, from the real stack service and real containers.</summary>
public sealed class StackPaneSourceTests
{
    [Fact]
    public async Task A_stack_shows_not_deployed_until_its_container_exists_then_its_state_and_version()
    {
        await using var world = await StackWorld.StartAsync("pane", registry: false);
        await world.Stacks.SaveAsync(new StackConfig
        {
            Name = world.Prefix, Image = TestImages.Busybox,
            Deploy = new StackDeployConfig { Targets = ["a"], Args = ["sleep", "600"] },
        });
        var source = new StackServiceSource(world.Stacks);

        var before = Assert.Single(await source.ListAsync(), r => r.Name == world.Prefix);
        Assert.Equal("not deployed", before.State);

        Assert.True((await world.Stacks.DeployAsync(world.Prefix)).Success);
        var after = Assert.Single(await source.ListAsync(), r => r.Name == world.Prefix);
        Assert.Equal("running", after.State);
        Assert.Equal(TestImages.Busybox, after.Version);
    }
}
