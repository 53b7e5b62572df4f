using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Monitor.TestSupport;

namespace Monitor.Control.Tests;

/// <summary>The real `monitor` process: what a shell, a script or a kill -9 sees.</summary>
public sealed class RealProcessTests
{
    private const string Declared = """

        [[servers]]
        name = "web-01"
        url = "ws://127.0.0.1:8120"

        [[stacks]]
        name = "web"
        image = "nginx:1"
        [stacks.deploy]
        targets = ["web-01"]
        """;

    [Fact]
    public async Task Sync_dry_run_leaves_the_sqlite_store_byte_for_byte_unchanged()
    {
        using var dir = new TempDirectory();
        var config = dir.File("monitor.toml");
        Assert.Equal(0, (await MonitorProcess.RunAsync("--config", config, "init")).ExitCode);
        await File.AppendAllTextAsync(config, Declared);
        var before = Snapshot(dir);

        var dry = await MonitorProcess.RunAsync("--config", config, "sync", "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.Error);
        Assert.Contains("+ server web-01", dry.Output);
        Assert.Contains("+ stack web", dry.Output);
        Assert.Equal(before, Snapshot(dir));

        // A read-only verb does not write either; sync itself does.
        Assert.Equal(0, (await MonitorProcess.RunAsync("--config", config, "server", "list")).ExitCode);
        Assert.Equal(before, Snapshot(dir));
        Assert.Equal(0, (await MonitorProcess.RunAsync("--config", config, "sync")).ExitCode);
        Assert.NotEqual(before, Snapshot(dir));
    }

    [Fact]
    public async Task Completion_scripts_complete_verbs_and_subverbs_in_bash_and_zsh()
    {
        var path = $"{MonitorProcess.Directory}:{Environment.GetEnvironmentVariable("PATH")}";
        var bash = await MonitorProcess.RunAsync("completion", "bash");
        Assert.Equal(0, bash.ExitCode);
        var bashRun = await Shell("bash", path, bash.Output,
            """COMP_LINE="monitor stack de"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(monitor stack de); COMP_CWORD=2; _monitor_complete; printf '%s\n' "${COMPREPLY[@]}"; COMP_LINE="monitor container st"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(monitor container st); COMP_CWORD=2; _monitor_complete; printf '%s\n' "${COMPREPLY[@]}"; complete -p monitor""");
        var containerSt = Subverbs("container", "st");
        Assert.Contains("start", containerSt);
        Assert.Equal(["deploy", .. containerSt, "complete -o default -F _monitor_complete monitor"], Lines(bashRun));

        var zsh = await MonitorProcess.RunAsync("completion", "zsh");
        Assert.Equal(0, zsh.ExitCode);
        // Outside an interactive shell compsys is absent: stand-ins for compdef/compadd (which keeps the words that start
        // with PREFIX) capture what would be offered.
        var zshRun = await Shell("zsh", path, "compdef() { print -r -- \"compdef $*\"; }; compadd() { shift; local w; for w in \"${(@P)1}\"; do [[ $w == ${PREFIX}* ]] && print -r -- $w; done; return 0; }\n" + zsh.Output,
            "words=(monitor container st); CURRENT=3; PREFIX=st; _monitor_complete");
        Assert.Equal(["compdef _monitor_complete monitor", .. containerSt], Lines(zshRun).Order(StringComparer.Ordinal));

        var json = await MonitorProcess.RunAsync("--json", "completion", "zsh");
        Assert.Equal(zsh.Output, JsonDocument.Parse(json.Output).RootElement.GetProperty("script").GetString());
        var bad = await MonitorProcess.RunAsync("completion", "fish");
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("monitor: ", bad.Error);
    }

    [Fact]
    public async Task An_action_left_running_by_a_killed_console_is_closed_as_interrupted_by_the_next_writing_process()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var info = MonitorProcess.StartInfo("--config", console.ConfigPath, "run", "--server", "local", "--", "sleep", "30");
        using var killed = Process.Start(info)!;
        long id = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (id == 0 && DateTime.UtcNow < deadline)
        {
            var running = (await console.JsonAsync("history", "--type", "command.run")).EnumerateArray()
                .FirstOrDefault(r => r.GetProperty("success").ValueKind == JsonValueKind.Null);
            if (running.ValueKind == JsonValueKind.Object) id = running.GetProperty("id").GetInt64();
            else await Task.Delay(100);
        }
        Assert.True(id != 0, "the run never showed up as running in the history");
        // The running process notes itself beside the record right after writing it; wait for that note.
        await using (var store = new Monitor.Control.Store.Sqlite.SqliteStateStore(Path.Combine(Path.GetDirectoryName(console.ConfigPath)!, "monitor.db")))
        {
            while (await store.GetDocumentAsync(Monitor.Control.Services.RunningActions.Collection, id.ToString()) is null && DateTime.UtcNow < deadline)
                await Task.Delay(50);
        }
        killed.Kill();
        await killed.WaitForExitAsync();

        // Reading changes nothing: the record stays running until a process records something.
        Assert.Equal(JsonValueKind.Null, (await console.JsonAsync("history", "show", id.ToString())).GetProperty("success").ValueKind);
        await console.JsonAsync("server", "add", "other", "--url", "ws://127.0.0.1:9");

        var closed = await console.JsonAsync("history", "show", id.ToString());
        Assert.False(closed.GetProperty("success").GetBoolean());
        Assert.Equal("interrupted", closed.GetProperty("result").GetProperty("outcome").GetString());
        Assert.Contains($"pid {killed.Id}", closed.GetProperty("error").GetString());
    }

    private static async Task<string> Shell(string shell, string path, string script, string commands)
    {
        var info = new ProcessStartInfo(shell) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script + "\n" + commands);
        info.Environment["PATH"] = path;
        var result = await MonitorProcess.RunAsync(info);
        Assert.True(result.ExitCode == 0, $"{shell} exited {result.ExitCode}: {result.Error}");
        return result.Output;
    }

    /// <summary>The subverbs of <paramref name="verb"/> that start with <paramref name="prefix"/>, from the command tree itself.</summary>
    private static string[] Subverbs(string verb, string prefix) =>
        Monitor.Control.Cli.CliApp.Build(TextWriter.Null, TextWriter.Null).Subcommands.Single(c => c.Name == verb).Subcommands
            .Select(c => c.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Snapshot(TempDirectory dir) =>
        string.Join("\n", Directory.GetFiles(dir.Path, "monitor.db*").Where(f => !f.EndsWith("-shm", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));
}
