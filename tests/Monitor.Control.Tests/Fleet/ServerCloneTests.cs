using System.Text.Json;
using Docker.DotNet.Models;
using Monitor.Shared.Models;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Fleet;

/// <summary>`monitor server clone` between two agents on two real Docker engines: the source on a second engine the
/// test starts (so it holds only this test's containers), the target the machine's engine.</summary>
public sealed class ServerCloneTests
{
    [Fact]
    public async Task Clone_plans_the_stacks_and_standalone_containers_of_the_source_then_deploys_them_to_the_target()
    {
        await using var console = await ConsoleHarness.StartAsync();
        await using var engine = await SecondEngine.StartAsync();
        await using var source = await TestAgent.StartAsync(c => c.DockerSocket = engine.Socket);
        var keyLine = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(console.ConfigPath)!, "console_key.pem.pub"))[0];
        await File.AppendAllTextAsync(source.Config.AuthorizedKeys, keyLine + "\n");
        Assert.Equal(0, (await console.RunAsync("server", "add", "src", "--url", source.Url.ToString().TrimEnd('/'))).ExitCode);

        using var docker = DockerCleanup.Client();
        using var second = engine.Client();
        var prefix = DockerCleanup.Prefix("clone");
        try
        {
            // A stack deployed on the source ...
            await File.AppendAllTextAsync(console.ConfigPath, $"""

                [[stacks]]
                name = "{prefix}-web"
                image = "{TestImages.Busybox}"
                [stacks.deploy]
                targets = ["src"]
                args = ["sh", "-c", "echo up; sleep 600"]
                start_timeout_seconds = 30
                """);
            Assert.Equal(0, (await console.RunAsync("sync")).ExitCode);
            var deployed = await console.RunAsync("stack", "deploy", $"{prefix}-web", "--wait");
            Assert.True(deployed.ExitCode == 0, deployed.Error + deployed.Output);
            // ... and a standalone container with env, label, restart policy and a memory limit.
            var solo = $"{prefix}-solo";
            await second.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Name = solo, Image = TestImages.Busybox, Cmd = ["sleep", "600"], Env = ["MT_SECRET=s3cret-value", "MT_MODE=clone"],
                Labels = new Dictionary<string, string> { ["mt.role"] = "solo" },
                HostConfig = new HostConfig { RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped }, Memory = 64L * 1024 * 1024 },
            });
            await second.Containers.StartContainerAsync(solo, new ContainerStartParameters());

            var planOnly = await console.RunAsync("server", "clone", "src", "local");
            Assert.True(planOnly.ExitCode == 0, planOnly.Error);
            Assert.Contains($"stack {prefix}-web", planOnly.Output);
            Assert.Contains($"container {solo}: {TestImages.Busybox}", planOnly.Output);
            Assert.Contains("env MT_MODE,MT_SECRET", planOnly.Output);
            Assert.DoesNotContain("s3cret-value", planOnly.Output);
            Assert.DoesNotContain($"container {prefix}-web", planOnly.Output);
            Assert.Contains("nothing was deployed", planOnly.Output);
            Assert.Empty(await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = NameFilter(prefix) }));

            var cloned = await console.RunAsync("--json", "server", "clone", "src", "local", "--yes");
            Assert.True(cloned.ExitCode == 0, cloned.Error + cloned.Output);
            var result = JsonDocument.Parse(cloned.Output).RootElement;
            Assert.True(result.GetProperty("applied").GetBoolean());
            Assert.Equal(2, result.GetProperty("items").GetArrayLength());

            var copy = await docker.Containers.InspectContainerAsync(solo);
            Assert.True(copy.State.Running);
            Assert.Contains("MT_SECRET=s3cret-value", copy.Config.Env);
            Assert.Contains("MT_MODE=clone", copy.Config.Env);
            Assert.Equal("solo", copy.Config.Labels["mt.role"]);
            Assert.Equal(RestartPolicyKind.UnlessStopped, copy.HostConfig.RestartPolicy.Name);
            Assert.Equal(64L * 1024 * 1024, copy.HostConfig.Memory);
            Assert.Equal(["sleep", "600"], copy.Config.Cmd);
            var web = (await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = NameFilter(prefix) }))
                .Single(c => c.Labels.TryGetValue("monitor.stack", out var s) && s == $"{prefix}-web");
            Assert.Equal("running", web.State);

            var record = (await console.JsonAsync("history", "--type", FleetActionTypes.ServerClone))[0];
            Assert.True(record.GetProperty("success").GetBoolean());
            Assert.Equal("local", record.GetProperty("server").GetString());
        }
        finally
        {
            await DockerCleanup.RemoveAsync(docker, prefix);
            await DockerCleanup.RemoveAsync(second, prefix);
        }
    }

    private static Dictionary<string, IDictionary<string, bool>> NameFilter(string prefix) => new() { ["name"] = new Dictionary<string, bool> { [prefix] = true } };
}
