using Docker.DotNet.Models;
using Monitor.Agent.DockerViews;
using Monitor.Agent.Logs;
using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Logs;

/// <summary>The agent reads a json-file log itself only where that gives exactly what the engine's API gives, and
/// asks the engine everywhere else (follow, another driver, rotated files).</summary>
public sealed class JsonFileLogTests : ConnectedAgentTest, IAsyncLifetime
{
    private const string Mixed = "i=1; while [ $i -le 60 ]; do echo \"out $i \\\"q\\\" é\"; echo \"err $i\" >&2; i=$((i+1)); done; " +
                                 "i=0; while [ $i -lt 20000 ]; do printf y; i=$((i+1)); done; echo; printf 'no newline at the end'";

    private async Task<string> FinishedAsync(string suffix, string script, HostConfig? host = null)
    {
        var name = $"{TestContainers.Prefix}-{suffix}";
        await TestContainers.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name, Image = TestImages.Busybox, Cmd = ["sh", "-c", script], HostConfig = host,
            Labels = new Dictionary<string, string> { ["monitor.test"] = TestContainers.Prefix },
        });
        _made.Add(name);
        await TestContainers.Client.Containers.StartContainerAsync(name, new ContainerStartParameters());
        await TestContainers.WaitUntilAsync(name, s => !s.Running && s.Status == "exited");
        return name;
    }

    private readonly List<string> _made = [];

    public new async Task DisposeAsync()
    {
        foreach (var name in _made)
            await TestContainers.Client.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true });
        await base.DisposeAsync();
    }

    private Task<ContainerInspectResponse> InspectAsync(string name) => TestContainers.Client.Containers.InspectContainerAsync(name);

    private static async Task<List<LogLine>> FromFileAsync(JsonFileLog file, int? tail)
    {
        var lines = new List<LogLine>();
        await file.ReadAsync(tail, batch => { lines.AddRange(batch); return ValueTask.CompletedTask; }, CancellationToken.None);
        return lines;
    }

    private static async Task<List<LogLine>> FromEngineAsync(ContainerInspectResponse container, int? tail)
    {
        var engine = new EngineHttp("unix:///var/run/docker.sock");
        var lines = new List<LogLine>();
        await using var stream = await engine.OpenStreamAsync($"containers/{container.ID}/logs?stdout=1&stderr=1&timestamps=1&tail={tail?.ToString() ?? "all"}", "logs", CancellationToken.None);
        await DockerLogReader.ReadAsync(stream, false, batch => { lines.AddRange(batch); return ValueTask.CompletedTask; }, CancellationToken.None);
        return lines;
    }

    private static IEnumerable<string> Shown(IEnumerable<LogLine> lines) => lines.Select(l => $"{l.Timestamp} {l.Stream} {l.Text}");

    [Fact]
    public async Task A_direct_read_gives_the_engines_lines_timestamps_and_streams_also_with_tail()
    {
        var container = await InspectAsync(await FinishedAsync("direct", Mixed));

        using (var file = JsonFileLog.TryOpen(container, new LogStreamRequest(container.Name)))
        {
            Assert.NotNull(file); // json-file, agent beside the engine: read directly
            var direct = await FromFileAsync(file, null);
            Assert.Equal(122, direct.Count);
            Assert.Equal(Shown(await FromEngineAsync(container, null)), Shown(direct));
            Assert.Contains(direct, l => l.Text == "out 7 \"q\" é");
            Assert.Equal(new string('y', 20000), direct[^2].Text);
            Assert.Equal("no newline at the end", direct[^1].Text);
        }
        foreach (var tail in new[] { 0, 1, 5, 200 })
        {
            using var file = JsonFileLog.TryOpen(container, new LogStreamRequest(container.Name, Tail: tail))!;
            Assert.Equal(Shown(await FromEngineAsync(container, tail)), Shown(await FromFileAsync(file, tail)));
        }
    }

    [Fact]
    public async Task Follow_other_drivers_and_rotated_logs_go_to_the_engine_and_still_arrive_whole()
    {
        var plain = await InspectAsync(await FinishedAsync("plain", "echo one; echo two"));
        Assert.Null(JsonFileLog.TryOpen(plain, new LogStreamRequest(plain.Name, Follow: true)));

        var local = await InspectAsync(await FinishedAsync("local", "seq 1 50", new HostConfig { LogConfig = new LogConfig { Type = "local" } }));
        Assert.Null(JsonFileLog.TryOpen(local, new LogStreamRequest(local.Name)));

        var rotated = await InspectAsync(await FinishedAsync("rotated", "seq 1 3000",
            new HostConfig { LogConfig = new LogConfig { Type = "json-file", Config = new Dictionary<string, string> { ["max-size"] = "8k", ["max-file"] = "3" } } }));
        Assert.True(File.Exists(rotated.LogPath + ".1"), "the log should have rotated");
        Assert.Null(JsonFileLog.TryOpen(rotated, new LogStreamRequest(rotated.Name)));

        foreach (var (container, expected) in new[] { (local, Enumerable.Range(1, 50).Select(i => i.ToString()).ToList()), (rotated, (await FromEngineAsync(rotated, null)).Select(l => l.Text).ToList()) })
        {
            var frames = await Client.StreamAsync<LogStreamRequest, LogBatch, LogStreamEnd>(AgentMethods.ContainerLogs, new LogStreamRequest(container.Name.TrimStart('/')));
            Assert.True(frames.Succeeded, $"stream failed: {frames.Error}");
            Assert.Equal(expected, frames.Items.SelectMany(b => b.Lines).Select(l => l.Text));
        }
    }

    [Fact]
    public async Task Entries_are_decoded_and_rejoined_and_tail_counts_entries_from_the_end()
    {
        var assembler = new LogLineAssembler();
        var lines = new List<LogLine>();
        var text = new byte[4];
        JsonFileLog.AddEntry(assembler, """{"log":"a \"b\"\tc\n","stream":"stdout","time":"2024-05-01T10:00:00.5Z"}"""u8, ref text, lines);
        JsonFileLog.AddEntry(assembler, """{"log":"part one ","stream":"stderr","time":"2024-05-01T10:00:01Z"}"""u8, ref text, lines);
        JsonFileLog.AddEntry(assembler, """not json"""u8, ref text, lines);
        JsonFileLog.AddEntry(assembler, """{"time":"2024-05-01T10:00:02.123456789Z","stream":"stderr","log":"and two\r\n"}"""u8, ref text, lines);
        Assert.Equal([
            new LogLine("2024-05-01T10:00:00.500000000Z", "stdout", "a \"b\"\tc"),
            new LogLine("2024-05-01T10:00:02.123456789Z", "stderr", "part one and two"),
        ], lines);
        Assert.Equal("2024-05-01T08:00:00.250000000Z", JsonFileLog.ApiTimestamp("2024-05-01T10:00:00.25+02:00"u8));

        var path = Path.Combine(Path.GetTempPath(), $"mt-logs-{Guid.NewGuid():N}.log");
        try
        {
            await File.WriteAllTextAsync(path, "l1\nl2\nl3\nl4\n");
            await using var file = File.OpenRead(path);
            Assert.Equal(6, await JsonFileLog.TailStartAsync(file, file.Length, 2, CancellationToken.None));
            Assert.Equal(0, await JsonFileLog.TailStartAsync(file, file.Length, 9, CancellationToken.None));
            Assert.Equal(file.Length, await JsonFileLog.TailStartAsync(file, file.Length, 0, CancellationToken.None));
        }
        finally { File.Delete(path); }
    }
}
