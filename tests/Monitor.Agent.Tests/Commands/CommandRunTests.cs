using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Commands;

public sealed class CommandRunTests : IAsyncLifetime
{
    private TestAgent _agent = null!;
    private RawAgentClient _client = null!;

    public async Task InitializeAsync()
    {
        _agent = await TestAgent.StartAsync();
        _client = await RawAgentClient.ConnectAuthenticatedAsync(_agent.Url, _agent.ConsoleKey);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _agent.DisposeAsync();
    }

    private Task<StreamFrames<OutputBatch, CommandResult>> RunAsync(CommandRunRequest request) =>
        _client.StreamAsync<CommandRunRequest, OutputBatch, CommandResult>(AgentMethods.CommandRun, request);

    private static string Text(StreamFrames<OutputBatch, CommandResult> frames, string stream) =>
        string.Concat(frames.Items.SelectMany(b => b.Chunks).Where(c => c.Stream == stream).Select(c => c.Text));

    [Fact]
    public async Task Exit_code_and_stdout_and_stderr_come_back_apart()
    {
        var frames = await RunAsync(new CommandRunRequest("sh", ["-c", "echo to-out; echo to-err >&2; exit 7"]));
        Assert.True(frames.Succeeded);
        Assert.Equal(7, frames.End!.ExitCode);
        Assert.False(frames.End.TimedOut);
        Assert.Equal("to-out\n", Text(frames, "stdout"));
        Assert.Equal("to-err\n", Text(frames, "stderr"));
    }

    [Fact]
    public async Task Arguments_are_passed_as_a_list_without_a_shell()
    {
        var frames = await RunAsync(new CommandRunRequest("echo", ["a b", "$HOME", ";", "ls"]));
        Assert.Equal("a b $HOME ; ls\n", Text(frames, "stdout"));
    }

    [Fact]
    public async Task Shell_mode_runs_the_file_as_a_script_with_args_as_positional_parameters()
    {
        var frames = await RunAsync(new CommandRunRequest("echo \"$0-$1\" | tr a-z A-Z", ["x", "y"], Shell: true));
        Assert.Equal("X-Y\n", Text(frames, "stdout"));
    }

    [Fact]
    public async Task Env_and_working_directory_are_applied()
    {
        using var dir = new TempDirectory();
        var frames = await RunAsync(new CommandRunRequest("sh", ["-c", "echo $GREETING; pwd"], dir.Path, new Dictionary<string, string> { ["GREETING"] = "hi" }));
        Assert.Equal($"hi\n{dir.Path}\n", Text(frames, "stdout"));
    }

    [Fact]
    public async Task A_timeout_kills_the_process_tree_and_says_timed_out()
    {
        using var dir = new TempDirectory();
        var marker = dir.File("survived");
        var frames = await RunAsync(new CommandRunRequest("sh", ["-c", $"(sleep 3; touch {marker}) & sleep 30"], TimeoutSeconds: 1));
        Assert.True(frames.Succeeded);
        Assert.True(frames.End!.TimedOut);
        Assert.NotEqual(0, frames.End.ExitCode);
        Assert.True(frames.End.DurationSeconds < 30);
        // The background child was part of the tree: it must not live on to create the marker.
        var gone = await WaitUntilNoProcessMentionsAsync(marker);
        Assert.True(gone, "a child of the timed-out command is still running");
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task A_missing_program_is_reported_as_not_found()
    {
        var frames = await RunAsync(new CommandRunRequest("/nonexistent/program", []));
        Assert.Equal(ErrorCodes.NotFound, frames.Error!.Code);
    }

    [Fact]
    public async Task A_program_name_starting_with_a_dash_is_rejected()
    {
        var frames = await RunAsync(new CommandRunRequest("-rf", []));
        Assert.Equal(ErrorCodes.InvalidArgument, frames.Error!.Code);
    }

    private static async Task<bool> WaitUntilNoProcessMentionsAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var alive = Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)).Any(d =>
            {
                try { return File.ReadAllText(Path.Combine(d, "cmdline")).Contains(text, StringComparison.Ordinal); }
                catch (IOException) { return false; }
                catch (UnauthorizedAccessException) { return false; }
            });
            if (!alive) return true;
            await Task.Delay(100);
        }
        return false;
    }
}
