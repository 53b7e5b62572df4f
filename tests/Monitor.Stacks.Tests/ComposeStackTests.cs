using Monitor.Control.Stacks;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests;

public sealed class ComposeStackTests
{
    [Fact]
    public async Task A_compose_stack_with_two_services_comes_up_shows_its_containers_and_goes_down()
    {
        await using var world = await StackWorld.StartAsync("cmp", registry: false);
        var port = FreePort.Next();
        var yaml = $"""
            version: "2.4"
            services:
              web:
                image: {TestImages.Busybox}
                command: ["sh", "-c", "mkdir -p /w && echo compose-web > /w/index.html && httpd -f -p 8080 -h /w"]
                ports: ["127.0.0.1:{port}:8080"]
              worker:
                image: {TestImages.Busybox}
                command: ["sleep", "3600"]
            """;
        await world.Stacks.SaveAsync(new StackConfig { Name = world.Prefix, Compose = new StackComposeConfig { Inline = yaml }, Deploy = new StackDeployConfig { Targets = ["a"] } });

        var up = await world.Stacks.DeployAsync(world.Prefix);
        Assert.True(up.Success, string.Join("\n", up.Targets.Select(t => t.Message)));
        Assert.Contains("compose-web", await HttpProbe.WaitForAsync($"http://127.0.0.1:{port}/", "compose-web"));
        var details = await world.Stacks.ShowAsync(world.Prefix);
        Assert.Equal(["web", "worker"], details.Containers.Select(c => c.Service));
        Assert.All(details.Containers, c => Assert.Equal("running", c.State));

        var down = await world.Stacks.RemoveAsync(world.Prefix);
        Assert.All(down, t => Assert.True(t.Success, t.Message));
        var ps = await world.A.RequestAsync(AgentMethods.ComposePs, new ComposeRequest(world.Prefix));
        Assert.Empty(ps.Services);

        var history = await world.Store.QueryActionsAsync(new ActionQuery { Stack = world.Prefix });
        Assert.Equal([StackActionTypes.Deploy, StackActionTypes.Remove], history.OrderBy(h => h.Id).Select(h => h.Type));
        Assert.All(history, h => Assert.True(h.Success));
        Assert.Contains("[compose-up a]", history.Single(h => h.Type == StackActionTypes.Deploy).Output);
    }
}
