using System.Collections.Concurrent;
using System.Diagnostics;
using Monitor.Control.Routes;
using Monitor.Control.Stacks;
using Monitor.Shared.Config;
using Monitor.Shared.Models;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Routes;

/// <summary>Routes against a real Caddy (its admin API, its internal CA) and real containers, deployed through the
/// console's stack service and real agents.</summary>
public sealed class RouteDeployTests
{
    private static StackConfig Stack(StackWorld world, GitRepoFixture repo, string tls, string? strategy = null) => new()
    {
        Name = world.Prefix,
        Repo = new StackRepoConfig { Url = repo.Path, Branch = "main" },
        Build = new StackBuildConfig { Server = "a" },
        Deploy = new StackDeployConfig { Targets = ["a"], StartTimeoutSeconds = 30, DrainSeconds = 1, Strategy = strategy },
        Route = new StackRouteConfig { Hosts = [$"{world.Prefix}.mt.test"], Port = 8080, Tls = tls, Headers = new() { ["X-Served-By"] = "monitor" } },
    };

    private static async Task<string> WaitForBodyAsync(HttpClient client, string url, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = (await client.GetStringAsync(url)).Trim();
                if (last == expected) return last;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { last = ex.GetBaseException().Message; }
            await Task.Delay(100);
        }
        return last;
    }

    /// <summary>The route list once the console's client has reconnected to a restarted agent.</summary>
    private static async Task<RouteRow> ListWhenAnsweredAsync(RouteService routes, string server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var row = Assert.Single(await routes.ListAsync(server));
            if (row.Error is null || DateTime.UtcNow > deadline) return row;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task An_internal_tls_route_serves_the_stack_over_https_and_survives_agent_and_caddy_restarts()
    {
        await using var caddy = await CaddyProcess.StartAsync();
        await using var world = await StackWorld.StartAsync("routes", registry: false, configureAgents: caddy.Configure);
        using var repo = new GitRepoFixture();
        repo.Commit("v1", RouteSite.Files("v1"));
        var stack = Stack(world, repo, "internal");
        await world.Stacks.SaveAsync(stack);

        var deployed = await world.Stacks.DeployAsync(stack.Name);
        Assert.True(deployed.Success, string.Join("\n", deployed.Targets.Select(t => t.Message)));

        var root = await caddy.RootCertificatePemAsync();
        var url = $"https://{stack.Route!.Hosts[0]}:{caddy.HttpsPort}/";
        using var https = CaddyProcess.Client(root);
        Assert.Equal("v1", await WaitForBodyAsync(https, url, "v1"));
        using (var response = await https.GetAsync(url))
            Assert.Equal("monitor", Assert.Single(response.Headers.GetValues("X-Served-By")));

        // curl with Caddy's root certificate, as an operator would check it.
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("root.pem"), root);
        var curl = Process.Start(new ProcessStartInfo("curl", ["-sS", "--cacert", dir.File("root.pem"), "--resolve", $"{stack.Route.Hosts[0]}:{caddy.HttpsPort}:127.0.0.1", url])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var curlOut = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        Assert.True(curl.ExitCode == 0, await curl.StandardError.ReadToEndAsync());
        Assert.Equal("v1", curlOut.Trim());

        // route list: the URL, the upstream and the certificate Caddy's CA issued.
        var routes = new RouteService(world.Store, world.Agents);
        var row = Assert.Single(await routes.ListAsync("a"));
        Assert.Equal(stack.Name, row.Stack);
        Assert.Equal([url], row.Urls);
        Assert.StartsWith("127.0.0.1:", row.Upstream);
        Assert.StartsWith("valid until", row.Certificate);
        Assert.Contains("Caddy Local Authority", row.Certificate);
        Assert.Null(row.Error);
        // The TUI's Stacks pane shows the same URL and certificate state.
        var paneRow = Assert.Single(await new Monitor.Control.Tui.StackServiceSource(world.Stacks, routes).ListAsync());
        Assert.Equal(url, paneRow.Url);
        Assert.StartsWith("valid until", paneRow.Certificate);

        // The agent restarts: Caddy keeps serving, and the agent still knows its routes.
        await world.RealAgents[0].RestartAsync();
        Assert.Equal("v1", await WaitForBodyAsync(https, url, "v1"));
        Assert.Equal(stack.Name, (await ListWhenAnsweredAsync(routes, "a")).Stack);

        // Caddy restarts empty: the agent notices and applies the routes again.
        await caddy.RestartAsync();
        Assert.Equal("v1", await WaitForBodyAsync(https, url, "v1"));

        // Both down, Caddy back first: the agent applies its routes when it starts.
        await world.RealAgents[0].StopAsync();
        await caddy.RestartAsync();
        Assert.DoesNotContain(stack.Route.Hosts[0], await caddy.ConfigJsonAsync());
        await world.RealAgents[0].StartAgainAsync();
        Assert.Equal("v1", await WaitForBodyAsync(https, url, "v1"));
    }

    [Fact]
    public async Task Blue_green_deploys_under_continuous_requests_lose_none_and_an_unhealthy_version_never_gets_traffic()
    {
        await using var caddy = await CaddyProcess.StartAsync();
        await using var world = await StackWorld.StartAsync("routes", registry: false, configureAgents: caddy.Configure);
        using var repo = new GitRepoFixture();
        repo.Commit("v1", RouteSite.Files("v1"));
        var stack = Stack(world, repo, "internal");
        Assert.Equal(DeployStrategy.BlueGreen, DeployStrategy.For(stack, "a"));
        await world.Stacks.SaveAsync(stack);
        Assert.True((await world.Stacks.DeployAsync(stack.Name)).Success);

        var url = $"https://{stack.Route!.Hosts[0]}:{caddy.HttpsPort}/";
        using var https = CaddyProcess.Client(await caddy.RootCertificatePemAsync());
        Assert.Equal("v1", await WaitForBodyAsync(https, url, "v1"));

        // v2 replaces v1 while a client keeps asking: no request fails, answers go from v1 to v2 once.
        repo.Commit("v2", RouteSite.Files("v2"));
        var output = new ConcurrentQueue<StackOutput>();
        await using (var load = new RequestLoad(https, url))
        {
            await load.AtLeastAsync(20);
            var second = await world.Stacks.DeployAsync(stack.Name, new SyncProgress<StackOutput>(output.Enqueue));
            Assert.True(second.Success, string.Join("\n", second.Targets.Select(t => t.Message)));
            await load.AtLeastAsync(20);
            var answers = await load.StopAsync();
            Assert.Empty(load.Failures);
            Assert.All(answers, a => Assert.Contains(a.Body, new[] { "v1", "v2" }));
            var bodies = answers.Select(a => a.Body).ToList();
            Assert.True(bodies.LastIndexOf("v1") < bodies.IndexOf("v2"), "answers went back to v1 after v2 was served");
            Assert.Equal("v2", bodies[^1]);
        }
        Assert.Contains(output, o => o.Step == "switch" && o.Text.Contains("switched", StringComparison.Ordinal));
        var running = await world.Docker.Containers.InspectContainerAsync(stack.Name);
        Assert.True(running.State.Running);
        Assert.EndsWith(":0.0.2", running.Config.Image);
        await Assert.ThrowsAsync<Docker.DotNet.DockerContainerNotFoundException>(() => world.Docker.Containers.InspectContainerAsync(stack.Name + "-next"));

        // v3 never becomes healthy: the route is never switched (every answer is v2), v3's container is removed.
        repo.Commit("v3 unhealthy", RouteSite.Files("v3", healthy: false));
        await using (var load = new RequestLoad(https, url))
        {
            await load.AtLeastAsync(20);
            var third = await world.Stacks.DeployAsync(stack.Name);
            Assert.False(third.Success);
            var target = Assert.Single(third.Targets);
            Assert.True(target.RolledBack, target.Message);
            Assert.EndsWith(":0.0.2", target.Image);
            Assert.Contains("never switched", target.Message);
            await load.AtLeastAsync(20);
            var answers = await load.StopAsync();
            Assert.Empty(load.Failures);
            Assert.All(answers, a => Assert.Equal("v2", a.Body));
        }
        var containers = await world.Docker.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters { All = true });
        Assert.Equal([stack.Name], containers.SelectMany(c => c.Names).Select(n => n.TrimStart('/')).Where(n => n.StartsWith(world.Prefix, StringComparison.Ordinal)));

        var deploys = await world.Store.QueryActionsAsync(new ActionQuery { Stack = stack.Name, Type = StackActionTypes.Deploy, Descending = false });
        Assert.Equal([true, true, false], deploys.Select(d => d.Success ?? false));
        Assert.Contains("never switched", deploys[2].Output);
    }

    [Fact]
    public async Task The_route_of_a_stack_removed_by_sync_prune_disappears()
    {
        await using var caddy = await CaddyProcess.StartAsync();
        await using var world = await StackWorld.StartAsync("routes", registry: false, configureAgents: caddy.Configure);
        using var repo = new GitRepoFixture();
        repo.Commit("v1", RouteSite.Files("v1"));
        var stack = Stack(world, repo, "off");
        var servers = (await world.Store.ListServersAsync()).Select(s => new ServerConfig { Name = s.Name, Url = s.Url }).ToList();
        var config = new MonitorConfig { Servers = servers, Stacks = [stack] };

        await world.Stacks.SyncAsync(config, dryRun: false);
        var listed = Assert.Single(await new RouteService(world.Store, world.Agents).ListAsync("a"));
        Assert.Null(listed.Upstream); // declared, not deployed yet: Caddy answers 503 for it
        Assert.True((await world.Stacks.DeployAsync(stack.Name)).Success);
        var url = $"http://{stack.Route!.Hosts[0]}:{caddy.HttpPort}/";
        using var http = CaddyProcess.Client(null);
        Assert.Equal("v1", await WaitForBodyAsync(http, url, "v1"));
        Assert.Contains(stack.Route.Hosts[0], await caddy.ConfigJsonAsync());

        var plan = await world.Stacks.SyncAsync(new MonitorConfig { Servers = servers }, dryRun: false, prune: true);
        Assert.Contains(plan.Changes, c => c.Area == "stack" && c.Name == stack.Name && c.Kind == SyncChangeKind.Removed);
        Assert.Empty(await new RouteService(world.Store, world.Agents).ListAsync("a"));
        Assert.DoesNotContain(stack.Route.Hosts[0], await caddy.ConfigJsonAsync());
        var after = await WaitForBodyAsync(http, url, "v1-never");
        Assert.NotEqual("v1", after);
    }
}
