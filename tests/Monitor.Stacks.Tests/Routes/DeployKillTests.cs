using System.Diagnostics;
using Docker.DotNet.Models;
using Monitor.Control.Cli;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Routes;

/// <summary>Fault 5 of the hardening issue, agent side: a real `monitor stack deploy` process is killed with SIGKILL in
/// the middle of the target step; the agent finishes the step on its own, so the stack is never left down.</summary>
public sealed class DeployKillTests
{
    [Theory]
    [InlineData("blue-green")]
    [InlineData("replace")]
    public async Task Killing_the_console_mid_deploy_leaves_the_new_version_running_never_neither(string strategy)
    {
        var prefix = DockerCleanup.Prefix("routes");
        using var docker = DockerCleanup.Client();
        await using var caddy = await CaddyProcess.StartAsync();
        await using var agent = await TestAgent.StartAsync(caddy.Configure);
        using var dir = new TempDirectory();
        using var repo = new GitRepoFixture();
        try
        {
            var config = dir.File("monitor.toml");
            await CliAsync(config, "init");
            await File.AppendAllTextAsync(agent.Config.AuthorizedKeys, File.ReadAllLines(dir.File("console_key.pem.pub"))[0] + "\n");
            await CliAsync(config, "server", "add", "a", "--url", agent.Url.ToString().TrimEnd('/'));
            repo.Commit("v1", RouteSite.Files("v1"));
            var host = $"{prefix}.mt.test";
            await File.AppendAllTextAsync(config, $"""

                [[stacks]]
                name = "{prefix}"
                [stacks.repo]
                url = "{repo.Path}"
                branch = "main"
                [stacks.build]
                server = "a"
                [stacks.deploy]
                targets = ["a"]
                start_timeout_seconds = 30
                drain_seconds = 1
                strategy = "{strategy}"
                [stacks.route]
                hosts = ["{host}"]
                port = 8080
                tls = "off"

                """);
            await CliAsync(config, "sync");
            await CliAsync(config, "stack", "deploy", prefix);
            using var http = CaddyProcess.Client(null);
            var url = $"http://{host}:{caddy.HttpPort}/";
            Assert.Equal("v1", (await http.GetStringAsync(url)).Trim());
            var listed = System.Text.Json.JsonDocument.Parse(await CliAsync(config, "--json", "route", "list", "--server", "a")).RootElement;
            Assert.Equal(url, listed[0].GetProperty("urls")[0].GetString());
            Assert.Equal("off", listed[0].GetProperty("certificate").GetString());

            // The moment the agent is inside the step: blue-green created the new container, replace stops the old one.
            repo.Commit("v2", RouteSite.Files("v2"));
            using var watching = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var (trigger, action) = strategy == "blue-green" ? (prefix + "-next", "create") : (prefix, "kill");
            var events = docker.System.MonitorEventsAsync(new ContainerEventsParameters(), new Progress<Message>(m =>
            {
                if (m.Type == "container" && m.Action == action && m.Actor?.Attributes is { } attributes && attributes.TryGetValue("name", out var n) && n == trigger) inside.TrySetResult();
            }), watching.Token);

            await using var load = new RequestLoad(http, url);
            using var console = StartMonitor(config, "stack", "deploy", prefix);
            await inside.Task.WaitAsync(TimeSpan.FromMinutes(3));
            console.Kill(); // SIGKILL: no cleanup, the connection just drops
            await console.WaitForExitAsync();
            watching.Cancel();
            try { await events; } catch (OperationCanceledException) { }

            // The agent carries on: the new version ends up serving under the stack's name, nothing left beside it.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            string body = "";
            ContainerInspectResponse? running = null;
            while (DateTime.UtcNow < deadline)
            {
                try { body = (await http.GetStringAsync(url)).Trim(); } catch (HttpRequestException) { }
                try { running = await docker.Containers.InspectContainerAsync(prefix); } catch (Docker.DotNet.DockerContainerNotFoundException) { running = null; }
                if (body == "v2" && running?.State.Running == true && running.Config.Image.EndsWith(":0.0.2", StringComparison.Ordinal)) break;
                await Task.Delay(200);
            }
            Assert.Equal("v2", body);
            Assert.True(running?.State.Running, "the stack's container does not run");
            Assert.EndsWith(":0.0.2", running!.Config.Image);
            await Assert.ThrowsAsync<Docker.DotNet.DockerContainerNotFoundException>(() => docker.Containers.InspectContainerAsync(prefix + "-next"));
            var answers = await load.StopAsync();
            Assert.NotEmpty(answers);
            // Blue-green never drops a request, console or not; replace may (that is its nature), but ends serving v2.
            if (strategy == "blue-green") Assert.Empty(load.Failures);
        }
        finally
        {
            await DockerCleanup.RemoveAsync(docker, prefix);
        }
    }

    private static async Task<string> CliAsync(string config, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["--config", config, .. args], output, error);
        Assert.True(code == 0, $"monitor {string.Join(' ', args)} exited {code}: {error}{output}");
        return output.ToString();
    }

    private static Process StartMonitor(string config, params string[] args)
    {
        var dll = Path.Combine(RepoRoot(), "console", "bin", "Debug", "net10.0", "monitor.dll");
        Assert.True(File.Exists(dll), $"build the solution first: {dll} is missing");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--config", config }.Concat(args)) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Monitor.sln not found above the test binaries");
    }
}
