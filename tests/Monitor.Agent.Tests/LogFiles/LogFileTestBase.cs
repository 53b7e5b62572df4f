using System.Diagnostics;
using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.LogFiles;

/// <summary>A real agent whose log_file_dirs is a fresh directory; helpers to run the writer library's demo program and
/// to read or follow files through the agent.</summary>
public abstract class LogFileTestBase : IAsyncLifetime
{
    protected TempDirectory Dir { get; } = new();
    protected string LogDir { get; private set; } = null!;
    protected TestAgent Agent { get; private set; } = null!;
    protected RawAgentClient Client { get; set; } = null!;

    public async Task InitializeAsync()
    {
        LogDir = Directory.CreateDirectory(Dir.File("logs")).FullName;
        Agent = await TestAgent.StartAsync(c => c.LogFileDirs = [LogDir]);
        Client = await RawAgentClient.ConnectAuthenticatedAsync(Agent.Url, Agent.ConsoleKey);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Agent.DisposeAsync();
        Dir.Dispose();
    }

    /// <summary>Starts logwriter-demo (the writer library's test program) writing COUNT entries into the log dir.</summary>
    protected static Process StartDemo(string dir, string program, string token, int count, int rotateEvery = 0, int delayMs = 0, bool hold = false)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "logwriter-demo.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { dll, dir, program, token, count.ToString(), rotateEvery.ToString(), delayMs.ToString(), hold ? "1" : "0" }) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    protected async Task<(IReadOnlyList<LogFileEntry> Entries, LogStreamEnd? End)> ReadAsync(LogFileReadRequest request)
    {
        var frames = await Client.StreamAsync(AgentMethods.LogFileRead, request);
        Assert.True(frames.Succeeded, frames.Error?.Message);
        return (frames.Items.SelectMany(b => b.Entries).ToList(), frames.End);
    }

    /// <summary>Opens a follow stream; <see cref="CollectUntilAsync"/> gathers its entries.</summary>
    protected Task<string> FollowAsync(string path) => Client.SendRequestAsync(AgentMethods.LogFileRead, new LogFileReadRequest(path, Follow: true));

    protected async Task CollectUntilAsync(string id, List<LogFileEntry> into, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"follow stream: condition not met in 60 s; {into.Count} entries so far, last '{into.LastOrDefault()?.Message}'");
            var frame = await Client.WaitForAsync(e => e.Id == id && e.Type is FrameTypes.StreamData or FrameTypes.StreamEnd or FrameTypes.Error or FrameTypes.Response);
            Assert.True(frame.Type is FrameTypes.StreamData or FrameTypes.Response, $"stream ended: {frame.Type} {frame.Error?.Message}");
            if (frame.Type == FrameTypes.StreamData) into.AddRange(ProtocolJson.FromElement<LogFileBatch>(frame.Payload)!.Entries);
        }
    }

    protected static IEnumerable<string> Lines(int from, int to) => Enumerable.Range(from, to - from + 1).Select(n => n % 7 == 0 ? $"line {n}\nsecond part" : $"line {n}");
}
