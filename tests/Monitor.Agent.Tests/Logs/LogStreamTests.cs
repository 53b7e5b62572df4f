using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Logs;

public sealed class LogStreamTests(Xunit.Abstractions.ITestOutputHelper output) : ConnectedAgentTest
{
    private const string Numbered = "i=1; while [ $i -le 50 ]; do echo \"out $i\"; echo \"err $i\" >&2; i=$((i+1)); done";

    private async Task<string> FinishedAsync(string suffix, string script, bool tty = false)
    {
        var name = await TestContainers.RunAsync(suffix, script, tty: tty);
        await TestContainers.WaitUntilAsync(name, s => !s.Running && s.Status == "exited");
        return name;
    }

    private async Task<(List<LogLine> Lines, StreamFrames<LogBatch, LogStreamEnd> Frames)> LogsAsync(LogStreamRequest request)
    {
        var frames = await Client.StreamAsync<LogStreamRequest, LogBatch, LogStreamEnd>(AgentMethods.ContainerLogs, request);
        Assert.True(frames.Succeeded, $"stream failed: {frames.Error}");
        return (frames.Items.SelectMany(b => b.Lines).ToList(), frames);
    }

    [Fact]
    public async Task All_lines_arrive_with_stdout_and_stderr_kept_apart_and_frames_numbered()
    {
        var name = await FinishedAsync("split", Numbered);
        var (lines, frames) = await LogsAsync(new LogStreamRequest(name));

        Assert.Equal(FrameTypes.Response, frames.Frames[0].Type);
        var seqs = frames.Frames.Skip(1).Select(f => f.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long?)i), seqs);

        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"out {i}"), lines.Where(l => l.Stream == "stdout").Select(l => l.Text));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"err {i}"), lines.Where(l => l.Stream == "stderr").Select(l => l.Text));
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$", l.Timestamp));
        Assert.Equal(lines[^1].Timestamp, frames.End!.LastTimestamp);
    }

    [Fact]
    public async Task Tail_returns_only_the_last_lines()
    {
        var name = await FinishedAsync("tail", "i=1; while [ $i -le 30 ]; do echo \"line $i\"; i=$((i+1)); done");
        var (lines, _) = await LogsAsync(new LogStreamRequest(name, Tail: 5));
        Assert.Equal(Enumerable.Range(26, 5).Select(i => $"line {i}"), lines.Select(l => l.Text));
    }

    [Fact]
    public async Task Resuming_with_since_drops_lines_at_or_before_it_and_repeats_nothing()
    {
        var name = await FinishedAsync("resume", "i=1; while [ $i -le 40 ]; do echo \"line $i\"; i=$((i+1)); done");
        var (all, _) = await LogsAsync(new LogStreamRequest(name));
        Assert.Equal(40, all.Count);

        var cut = all[16]; // "line 17"
        var (resumed, _) = await LogsAsync(new LogStreamRequest(name, Since: cut.Timestamp));
        Assert.Equal(Enumerable.Range(18, 23).Select(i => $"line {i}"), resumed.Select(l => l.Text));

        var (afterLast, end) = await LogsAsync(new LogStreamRequest(name, Since: all[^1].Timestamp));
        Assert.Empty(afterLast);
        Assert.Equal(all[^1].Timestamp, end.End!.LastTimestamp);
    }

    [Fact]
    public async Task Follow_streams_new_lines_until_the_container_stops()
    {
        var name = await TestContainers.RunAsync("follow", "sleep 1; i=1; while [ $i -le 15 ]; do echo \"tick $i\"; i=$((i+1)); sleep 0.1; done");
        var (lines, frames) = await LogsAsync(new LogStreamRequest(name, Follow: true));
        Assert.Equal(Enumerable.Range(1, 15).Select(i => $"tick {i}"), lines.Select(l => l.Text));
        Assert.Equal("container stopped", frames.End!.Reason);
    }

    [Fact]
    public async Task Follow_can_be_cancelled_by_the_console()
    {
        var name = await TestContainers.RunAsync("cancel", "while true; do echo alive; sleep 0.2; done");
        var id = await Client.SendRequestAsync(AgentMethods.ContainerLogs, new LogStreamRequest(name, Follow: true));
        await Client.WaitForAsync(e => e.Id == id && e.Type == FrameTypes.StreamData);
        await Client.SendAsync(FrameCodec.Cancel(id));
        var frames = await Client.CollectStreamAsync<LogBatch, LogStreamEnd>(id);
        Assert.Equal(FrameTypes.StreamEnd, frames.Last.Type);
        Assert.Equal(ErrorCodes.Cancelled, frames.Error!.Code);
    }

    [Fact]
    public async Task Lines_longer_than_16_KB_are_rejoined()
    {
        var name = await FinishedAsync("long", "i=0; while [ $i -lt 40000 ]; do printf x; i=$((i+1)); done; echo; echo short");
        var (lines, _) = await LogsAsync(new LogStreamRequest(name));
        Assert.Equal(2, lines.Count);
        Assert.Equal(new string('x', 40000), lines[0].Text);
        Assert.Equal("short", lines[1].Text);
    }

    [Fact]
    public async Task Tty_containers_are_read_raw()
    {
        var name = await FinishedAsync("tty", "echo one; echo two", tty: true);
        var (lines, _) = await LogsAsync(new LogStreamRequest(name));
        Assert.Equal(["one", "two"], lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal("stdout", l.Stream));
    }

    [Fact]
    public async Task A_flood_of_lines_arrives_complete_and_in_batches_of_at_most_1000()
    {
        var name = await FinishedAsync("flood", "seq 1 30000");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (lines, frames) = await LogsAsync(new LogStreamRequest(name));
        watch.Stop();
        Assert.Equal(Enumerable.Range(1, 30000).Select(i => i.ToString()), lines.Select(l => l.Text));
        Assert.All(frames.Items, b => Assert.InRange(b.Lines.Count, 1, 1000));
        Assert.True(frames.Items.Count < 600, $"{frames.Items.Count} frames for 30000 lines: batching is not working");
        output.WriteLine($"30000 lines in {frames.Items.Count} frames, {watch.Elapsed.TotalMilliseconds:0} ms ({30000 / watch.Elapsed.TotalSeconds:0} lines/s)");
    }

    [Fact]
    public async Task Logs_of_an_unknown_container_end_with_not_found()
    {
        var frames = await Client.StreamAsync<LogStreamRequest, LogBatch, LogStreamEnd>(AgentMethods.ContainerLogs, new LogStreamRequest(TestContainers.Prefix + "-none"));
        Assert.Equal(ErrorCodes.NotFound, frames.Error!.Code);
    }
}
