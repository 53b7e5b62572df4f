using System.Diagnostics;
using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Watch;

/// <summary>metrics.watch against the real engine and real processes: samples arrive every interval with the host,
/// every container (state changes show up) and the checked processes; host.top lists real processes.</summary>
public sealed class WatchStreamTests : ConnectedAgentTest, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<Process> _started = [];

    private Process StartSleeper(string fileName)
    {
        var copy = _dir.File(fileName);
        File.Copy("/bin/sleep", copy);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var process = Process.Start(new ProcessStartInfo(copy, "300") { UseShellExecute = false })!;
        _started.Add(process);
        return process;
    }

    private async Task<WatchSample> NextSampleAsync(string id, Func<WatchSample, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var frame = await Client.WaitForAsync(e => e.Id == id && e.Type is FrameTypes.StreamData or FrameTypes.StreamEnd or FrameTypes.Error);
            Assert.Equal(FrameTypes.StreamData, frame.Type);
            var sample = ProtocolJson.FromElement<WatchSample>(frame.Payload)!;
            if (until(sample)) return sample;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("no sample matched in time");
        }
    }

    [Fact]
    public async Task Samples_carry_host_containers_and_process_checks_and_follow_state_changes()
    {
        var container = await TestContainers.RunAsync("busy", "while true; do :; done");
        var byExe = StartSleeper("mt-watch-sleeper-long-name"); // longer than comm's 15 characters: matched by exe
        var byPidFile = StartSleeper("mtwsleep");
        var pidFile = _dir.File("sleeper.pid");
        await File.WriteAllTextAsync(pidFile, $"{byPidFile.Id}\n");

        var id = await Client.SendRequestAsync(AgentMethods.MetricsWatch, new WatchRequest(1,
        [
            new ProcessCheckSpec("long", Executable: "mt-watch-sleeper-long-name"),
            new ProcessCheckSpec("mtwsleep"),
            new ProcessCheckSpec("file", PidFile: pidFile),
            new ProcessCheckSpec("missing", Executable: "mt-no-such-process"),
        ]));
        var response = await Client.AnswerAsync(id);
        Assert.Equal(FrameTypes.Response, response.Type);

        // The second sample has a CPU figure for the processes (the first has no earlier reading).
        var first = await NextSampleAsync(id, _ => true);
        var sample = await NextSampleAsync(id, s => s.Containers.Any(c => c.Name == container && c.CpuPercent > 5));
        Assert.True(sample.Time > first.Time);
        Assert.Null(sample.DockerError);
        Assert.True(sample.Host.MemoryTotalBytes > 0);
        Assert.Contains(sample.Host.Disks, d => d.Mount == "/");
        var busy = sample.Containers.Single(c => c.Name == container);
        Assert.Equal("running", busy.State);
        Assert.True(busy.MemoryUsedBytes > 0);
        Assert.Equal(0, busy.RestartCount);

        var processes = sample.Processes.ToDictionary(p => p.Name);
        Assert.Equal(byExe.Id, processes["long"].Pid);
        Assert.Equal(byPidFile.Id, processes["mtwsleep"].Pid);
        Assert.Equal(byPidFile.Id, processes["file"].Pid);
        Assert.True(processes["long"].Running && processes["long"].MemoryBytes > 0 && processes["long"].CpuPercent is >= 0 and < 50);
        Assert.False(processes["missing"].Running);
        Assert.Null(processes["missing"].Pid);

        // A stopped container and a killed process show in later samples.
        await TestContainers.Client.Containers.KillContainerAsync(container, new Docker.DotNet.Models.ContainerKillParameters());
        byExe.Kill();
        await byExe.WaitForExitAsync();
        var after = await NextSampleAsync(id, s => s.Containers.Any(c => c.Name == container && c.State == "exited"));
        Assert.Equal(0, after.Containers.Single(c => c.Name == container).CpuPercent);
        Assert.False(after.Processes.Single(p => p.Name == "long").Running);

        await Client.SendAsync(FrameCodec.Cancel(id));
    }

    [Fact]
    public async Task A_host_only_subscription_sends_host_figures_and_process_checks_but_no_containers()
    {
        var container = await TestContainers.RunAsync("hostonly", "sleep 300");
        var self = StartSleeper("mtwhostonly");

        // The same agent and container: a full subscription lists the container, a host-only one does not.
        var full = await Client.SendRequestAsync(AgentMethods.MetricsWatch, new WatchRequest(1));
        Assert.Equal(FrameTypes.Response, (await Client.AnswerAsync(full)).Type);
        await NextSampleAsync(full, s => s.Containers.Any(c => c.Name == container));
        await Client.SendAsync(FrameCodec.Cancel(full));

        var id = await Client.SendRequestAsync(AgentMethods.MetricsWatch, new WatchRequest(1, [new ProcessCheckSpec("mtwhostonly")], HostOnly: true));
        Assert.Equal(FrameTypes.Response, (await Client.AnswerAsync(id)).Type);
        var first = await NextSampleAsync(id, _ => true);
        var second = await NextSampleAsync(id, s => s.Time > first.Time);
        foreach (var sample in new[] { first, second })
        {
            Assert.Empty(sample.Containers);
            Assert.Null(sample.DockerError);
            Assert.True(sample.Host.MemoryTotalBytes > 0);
            Assert.Equal(self.Id, Assert.Single(sample.Processes).Pid);
        }
        await Client.SendAsync(FrameCodec.Cancel(id));
    }

    [Fact]
    public async Task A_bad_interval_is_refused_with_invalid_argument()
    {
        var frames = await Client.StreamAsync<WatchRequest, WatchSample, WatchEnd>(AgentMethods.MetricsWatch, new WatchRequest(0));
        Assert.Equal(ErrorCodes.InvalidArgument, frames.Error?.Code);
    }

    [Fact]
    public async Task Host_top_lists_the_busiest_processes_first()
    {
        var burner = Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]) { UseShellExecute = false })!;
        _started.Add(burner);
        // The machine may be busy with other work: the burner is found with a real CPU share, not necessarily first.
        var all = await Client.RequestAsync(AgentMethods.HostTop, new HostTopRequest(1000));
        Assert.Contains(all.Processes, p => p.Pid == burner.Id && p.CpuPercent > 5 && p.CommandLine.Contains("while", StringComparison.Ordinal));
        Assert.Equal(all.Processes.OrderByDescending(p => p.CpuPercent).Select(p => p.CpuPercent), all.Processes.Select(p => p.CpuPercent));
        var top = await Client.RequestAsync(AgentMethods.HostTop, new HostTopRequest(5));
        Assert.Equal(5, top.Processes.Count);
        Assert.True(top.ProcessCount > 5);

        var byMemory = await Client.RequestAsync(AgentMethods.HostTop, new HostTopRequest(3, "memory"));
        Assert.Equal(byMemory.Processes.OrderByDescending(p => p.MemoryBytes).Select(p => p.MemoryBytes), byMemory.Processes.Select(p => p.MemoryBytes));
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            try { if (!process.HasExited) process.Kill(); }
            catch (InvalidOperationException) { }
            process.Dispose();
        }
        _dir.Dispose();
    }
}
