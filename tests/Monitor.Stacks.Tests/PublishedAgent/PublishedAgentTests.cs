using System.Text;
using System.Text.Json;
using Docker.DotNet.Models;
using Monitor.Agent.Tests.Support;
using Monitor.Control.Cli;
using Monitor.Shared.Protocol;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.PublishedAgent;

/// <summary>The published NativeAOT agent binary end to end, so a breakage that only shows without the JIT (trimmed
/// code, reflection, native libraries) is caught: TOML config, TLS pinned by the console, key auth, container list,
/// logs, exec, command.run, host metrics, and a stack build from a git repo (clone through the git CLI).</summary>
public sealed class PublishedAgentTests
{
    [Fact]
    public async Task The_console_pins_the_published_agent_lists_containers_and_reads_logs_through_it()
    {
        var prefix = DockerCleanup.Prefix("aot");
        using var docker = DockerCleanup.Client();
        await using var agent = await StartPublishedAsync();
        using var console = new TempDirectory();
        var config = console.File("monitor.toml");
        try
        {
            var name = await RunContainerAsync(docker, prefix, "for i in $(seq 1 300); do echo line-$i; done; sleep 600");
            Assert.Equal(0, (await CliAsync(config, "init")).ExitCode);
            await File.AppendAllTextAsync(agent.Config.AuthorizedKeys, (await File.ReadAllLinesAsync(console.File("console_key.pem.pub")))[0] + "\n");

            var wrong = await CliAsync(config, "server", "add", "wrong", "--url", agent.Url.ToString().TrimEnd('/'), "--fingerprint", "SHA256:" + new string('A', 43));
            Assert.NotEqual(0, wrong.ExitCode);
            var added = await CliAsync(config, "server", "add", "aot", "--url", agent.Url.ToString().TrimEnd('/'), "--fingerprint", agent.TlsFingerprint!);
            Assert.True(added.ExitCode == 0, added.Error);

            var list = await CliAsync(config, "--json", "container", "list", "--server", "aot");
            Assert.True(list.ExitCode == 0, list.Error);
            Assert.Contains(name, list.Output);

            var lines = new List<string>();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (lines.Count < 300 && DateTime.UtcNow < deadline)
            {
                var logs = await CliAsync(config, "logs", name, "--server", "aot");
                Assert.True(logs.ExitCode == 0, logs.Error);
                lines = logs.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            }
            Assert.Equal(Enumerable.Range(1, 300).Select(i => $"line-{i}"), lines);
            var tail = await CliAsync(config, "logs", name, "--server", "aot", "--tail", "2");
            Assert.Equal(["line-299", "line-300"], tail.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            await DockerCleanup.RemoveAsync(docker, prefix);
        }
    }

    [Fact]
    public async Task The_published_agent_runs_exec_commands_metrics_and_builds_an_image_from_a_cloned_repo()
    {
        var prefix = DockerCleanup.Prefix("aot");
        using var docker = DockerCleanup.Client();
        await using var agent = await StartPublishedAsync();
        using var repo = new GitRepoFixture();
        var commit = repo.Commit("v1", SiteRepo.Files("built by the native agent"));
        try
        {
            await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);

            var metrics = await client.RequestAsync(AgentMethods.HostMetrics, new HostMetricsRequest());
            Assert.True(metrics.MemoryTotalBytes > 0);
            Assert.True(metrics.ProcessCount > 0);

            var command = await client.StreamAsync(AgentMethods.CommandRun, new CommandRunRequest("sh", ["-c", "echo out-$((6*7)); echo err >&2; exit 3"]));
            Assert.True(command.Succeeded, command.Error?.Message);
            Assert.Equal(3, command.End!.ExitCode);
            Assert.Contains(command.Items.SelectMany(b => b.Chunks), c => c is { Stream: "stdout", Text: "out-42\n" });

            var name = await RunContainerAsync(docker, prefix, "sleep 600");
            var exec = await client.StreamAsync<ContainerExecRequest, ExecOutput, ExecResult>(AgentMethods.ContainerExec.Name,
                new ContainerExecRequest(name, ["sh", "-c", "echo in-$((3*5)); exit 4"], Tty: false));
            Assert.True(exec.Succeeded, exec.Error?.Message);
            Assert.Equal(4, exec.End!.ExitCode);
            Assert.Contains("in-15", string.Concat(exec.Items.Select(o => Encoding.UTF8.GetString(Convert.FromBase64String(o.Data)))));

            var sync = await client.RequestAsync(AgentMethods.GitSync, new GitSyncRequest("app", repo.Path, "main"));
            Assert.Equal(commit, sync.Commit);
            Assert.StartsWith(agent.WorkDir, sync.Path);
            var build = await client.StreamAsync(AgentMethods.ImageBuild, new ImageBuildRequest(sync.Path, "Dockerfile", [$"{prefix}:1"]));
            Assert.True(build.Succeeded, build.Error?.Message);
            Assert.StartsWith("sha256:", build.End!.ImageId);
            var image = await docker.Images.InspectImageAsync($"{prefix}:1");
            Assert.Equal(build.End.ImageId, image.ID);
        }
        finally
        {
            await DockerCleanup.RemoveAsync(docker, prefix);
        }
    }

    [Fact]
    public async Task The_published_agent_pages_its_start_up_code_out_once_idle_and_serves_after_it()
    {
        // Its own copy of the binary: the kernel pages out only pages no other process maps, and other tests run
        // agents from the shared binary at the same time (on a server, one agent maps its binary).
        using var own = new TempDirectory();
        var binary = own.File("monitor-agent");
        File.Copy(AgentExecutable.Path, binary);
        await using var agent = await TestAgent.StartOutOfProcessAsync(options: new AgentProcessOptions(binary));
        var process = agent.Process!;
        var size = new FileInfo(process.Executable).Length;
        // Start-up touches most of the executable (~80 % resident without the trim); the idle trim leaves ~20 %.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long resident;
        while ((resident = ExecutableResidentBytes(process.Pid, process.Executable)) > size * 2 / 5)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{resident} of the executable's {size} bytes still resident 30 s after start:\n{process.Describe()}");
            await Task.Delay(100);
        }

        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var info = await client.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest());
        Assert.True(info.DockerReachable);
        var metrics = await client.RequestAsync(AgentMethods.HostMetrics, new HostMetricsRequest());
        Assert.True(metrics.MemoryTotalBytes > 0);
    }

    /// <summary>Resident bytes of the mappings of <paramref name="executable"/> in process <paramref name="pid"/> (smaps).</summary>
    private static long ExecutableResidentBytes(int pid, string executable)
    {
        var full = Path.GetFullPath(executable);
        long kb = 0;
        var ours = false;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var first = line.Split(' ', 2)[0]; // "start-end" on a mapping's line, "Name:" on its fields' lines
            if (first.Contains('-', StringComparison.Ordinal) && !first.Contains(':', StringComparison.Ordinal))
                ours = line.EndsWith(" " + full, StringComparison.Ordinal);
            else if (ours && line.StartsWith("Rss:", StringComparison.Ordinal))
                kb += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        return kb * 1024;
    }

    /// <summary>The published NativeAOT agent itself, whatever MONITOR_TEST_AGENT(_EXECUTABLE) say.</summary>
    private static Task<TestAgent> StartPublishedAsync() => TestAgent.StartOutOfProcessAsync(options: new AgentProcessOptions(AgentExecutable.Published));

    /// <summary>A busybox container without a network (the tests need none), running <paramref name="script"/>.</summary>
    private static async Task<string> RunContainerAsync(Docker.DotNet.DockerClient docker, string prefix, string script)
    {
        var name = $"{prefix}-c";
        await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name, Image = TestImages.Busybox, Cmd = ["sh", "-c", script], HostConfig = new HostConfig { NetworkMode = "none" },
        });
        await docker.Containers.StartContainerAsync(name, new ContainerStartParameters());
        return name;
    }

    private static async Task<(int ExitCode, string Output, string Error)> CliAsync(string config, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["--config", config, .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
