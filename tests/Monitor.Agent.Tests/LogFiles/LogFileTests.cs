using Monitor.LogWriter;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Tests.LogFiles;

/// <summary>App log files written by the writer library: discovered, tailed, filtered, followed across rotation and
/// truncation, resumed by cursor; paths that escape the configured directories are refused.</summary>
public sealed class LogFileTests : LogFileTestBase
{
    [Fact]
    public async Task The_demo_programs_file_is_discovered_with_its_header_and_whether_its_writer_runs()
    {
        using var demo = StartDemo(LogDir, "demo", "t1", 3, hold: true);
        var path = await demo.StandardOutput.ReadLineAsync();
        Assert.Equal("done", await demo.StandardOutput.ReadLineAsync());

        var file = Assert.Single((await Client.RequestAsync(AgentMethods.LogFileList, new LogFileListRequest())).Files);
        Assert.Equal(path, file.Path);
        Assert.Equal("demo_log_t1", file.Name);
        Assert.Equal("demo", file.Program);
        Assert.Equal(demo.Id, file.Pid);
        Assert.Equal(1, file.Version);
        Assert.True(file.WriterAlive);

        demo.StandardInput.Close();
        await demo.WaitForExitAsync();
        Assert.False(Assert.Single((await Client.RequestAsync(AgentMethods.LogFileList, new LogFileListRequest())).Files).WriterAlive);
    }

    [Fact]
    public async Task Tail_level_and_since_filter_entries_and_messages_keep_their_newlines()
    {
        using var demo = StartDemo(LogDir, "demo", "t2", 50);
        var path = (await demo.StandardOutput.ReadLineAsync())!;
        await demo.WaitForExitAsync();

        var all = (await ReadAsync(new LogFileReadRequest(path))).Entries;
        Assert.Equal(Lines(1, 50), all.Select(e => e.Message));
        Assert.Equal("line 7\nsecond part", all[6].Message);

        var tail = (await ReadAsync(new LogFileReadRequest(path, Tail: 5))).Entries;
        Assert.Equal(Lines(46, 50), tail.Select(e => e.Message));

        var errors = (await ReadAsync(new LogFileReadRequest(path, Level: "error"))).Entries;
        Assert.Equal(Enumerable.Range(1, 5).Select(n => $"line {n * 10}"), errors.Select(e => e.Message));
        Assert.All(errors, e => Assert.Equal("ERROR", e.Level));

        var since = (await ReadAsync(new LogFileReadRequest(path, Since: all[44].Timestamp))).Entries;
        Assert.All(since, e => Assert.True(string.CompareOrdinal(e.Timestamp, all[44].Timestamp) > 0));
        Assert.Equal("line 50", since[^1].Message);
    }

    [Fact]
    public async Task Following_a_real_writer_across_rotations_loses_and_repeats_no_line()
    {
        var path = Path.Combine(LogDir, "demo_log_rot");
        using (AppLogWriter.Create("demo", LogDir, "rot")) { } // the file exists before the stream opens
        var id = await FollowAsync(path);
        var got = new List<LogFileEntry>();
        using var demo = StartDemo(LogDir, "demo", "rot", 3000, rotateEvery: 1000, delayMs: 1);

        await CollectUntilAsync(id, got, () => got.Count >= 3000);
        await demo.WaitForExitAsync();

        Assert.Equal(Lines(1, 3000), got.Select(e => e.Message));
    }

    [Fact]
    public async Task Following_across_truncation_and_rotation_then_resuming_by_cursor_after_an_agent_restart_loses_nothing()
    {
        using var writer = AppLogWriter.Create("inproc", LogDir, "trunc");
        var id = await FollowAsync(writer.Path);
        var got = new List<LogFileEntry>();
        foreach (var line in Lines(1, 100)) writer.Info(line);
        await CollectUntilAsync(id, got, () => got.Count >= 100);

        using (var truncate = new FileStream(writer.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) truncate.SetLength(0);
        foreach (var line in Lines(101, 200)) writer.Info(line);
        await CollectUntilAsync(id, got, () => got.Count >= 200);
        Assert.Equal(Lines(1, 200), got.Select(e => e.Message));

        // The agent goes away; the writer goes on (and rotates); a new stream resumes after the last cursor seen.
        var cursor = got[^1].Cursor;
        await Agent.RestartAsync();
        await Client.DisposeAsync();
        Client = await Support.RawAgentClient.ConnectAuthenticatedAsync(Agent.Url, Agent.ConsoleKey);
        foreach (var line in Lines(201, 250)) writer.Info(line);
        writer.Rotate();
        foreach (var line in Lines(251, 300)) writer.Info(line);

        var resumed = (await ReadAsync(new LogFileReadRequest(writer.Path, Cursor: cursor))).Entries;
        Assert.Equal(Lines(201, 300), resumed.Select(e => e.Message));
    }

    [Fact]
    public async Task Paths_that_escape_the_log_directories_are_refused_and_escaping_links_are_not_listed()
    {
        var outside = Directory.CreateDirectory(Dir.File("outside")).FullName;
        using (var secret = AppLogWriter.Create("secret", outside, "x")) secret.Info("not for you");
        File.CreateSymbolicLink(Path.Combine(LogDir, "evil_log_link"), Path.Combine(outside, "secret_log_x"));
        Directory.CreateSymbolicLink(Path.Combine(LogDir, "sub"), outside);
        using (var ok = AppLogWriter.Create("ok", LogDir, "y")) ok.Info("fine");

        var listed = (await Client.RequestAsync(AgentMethods.LogFileList, new LogFileListRequest())).Files.Select(f => f.Name);
        Assert.Equal(["ok_log_y"], listed);

        foreach (var path in new[]
                 {
                     Path.Combine(LogDir, "evil_log_link"),                 // symlink at the end
                     Path.Combine(LogDir, "sub", "secret_log_x"),           // symlink in the middle
                     LogDir + "/../outside/secret_log_x",                   // ..
                     Path.Combine(outside, "secret_log_x"),                 // plainly outside
                     "/etc/passwd",
                     "relative_log_x",
                 })
        {
            var answer = await Client.SendRequestAsync(AgentMethods.LogFileRead, new LogFileReadRequest(path));
            var frame = await Client.WaitForAsync(e => e.Id == answer && e.Type is FrameTypes.Error or FrameTypes.StreamEnd or FrameTypes.Response);
            var error = frame.Error ?? (await Client.WaitForAsync(e => e.Id == answer && e.Type is FrameTypes.Error or FrameTypes.StreamEnd)).Error;
            Assert.True(error is not null, $"{path} was not refused");
            Assert.Contains(error!.Code, new[] { ErrorCodes.Forbidden, ErrorCodes.NotFound });
        }
        Assert.Equal(["fine"], (await ReadAsync(new LogFileReadRequest(Path.Combine(LogDir, "ok_log_y")))).Entries.Select(e => e.Message));
    }
}
